/** `npm test`: unit, service and HTTP end-to-end tests on the embedded default. */
module.exports = { projects: require('./jest.projects')('default') };
