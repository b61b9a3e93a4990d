import { Controller, Get, Header, Inject } from '@nestjs/common';
import { isDevelopmentEnv } from '@cashout/platform';
import { Public } from '../http/access.decorators';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';
import { buildOpenApiDocument } from './openapi.document';

export const DOCS_ASSETS_PATH = '/docs/assets';

const SWAGGER_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Cash-out gateway API</title>
  <link rel="stylesheet" href="${DOCS_ASSETS_PATH}/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${DOCS_ASSETS_PATH}/swagger-ui-bundle.js"></script>
  <script src="${DOCS_ASSETS_PATH}/swagger-ui-standalone-preset.js"></script>
  <script>
    window.ui = SwaggerUIBundle({
      url: '/docs/openapi.json',
      dom_id: '#swagger-ui',
      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
      layout: 'StandaloneLayout',
      persistAuthorization: false
    });
  </script>
</body>
</html>
`;

@Controller('docs')
@Public()
export class DocsController {
  private readonly document: Record<string, unknown>;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.document = buildOpenApiDocument({ includeSandbox: isDevelopmentEnv(config.appEnv) });
  }

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return SWAGGER_PAGE;
  }

  @Get('openapi.json')
  openapi(): Record<string, unknown> {
    return this.document;
  }
}
