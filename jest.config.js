/** `npm test`: unit, service and HTTP end-to-end tests on the embedded default. */
// *.browser.spec.ts need Chromium and a build: they are `npm run test:browser` only.
const BROWSER_SPECS = '\\.browser\\.spec\\.ts$';
module.exports = {
  projects: require('./jest.projects')('default').map((project) => ({
    ...project,
    testPathIgnorePatterns: [...project.testPathIgnorePatterns, BROWSER_SPECS],
  })),
};
