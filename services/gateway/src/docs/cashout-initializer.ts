/**
 * The docs page's start-up script, served as a file under the docs assets prefix
 * (`cashout-initializer.js`) rather than inline in the page, so that the page runs under the
 * pages' Content-Security-Policy (`script-src 'self'`, no inline script). Plain ES5 for the
 * browser: it only hands Swagger UI the document's URL.
 */
export const SWAGGER_INITIALIZER_JS = `window.ui = SwaggerUIBundle({
  url: '/docs/openapi.json',
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
  persistAuthorization: false
});
`;
