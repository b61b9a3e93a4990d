import { Controller, Get, Header, Inject, Type } from '@nestjs/common';
import { isDevelopmentEnv } from '@cashout/platform';
import { Public } from '../http/access.decorators';
import { DOCS_CSP } from '../http/http-pipeline';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';
import { buildOpenApiDocument } from './openapi.document';
import { SWAGGER_INITIALIZER_JS } from './cashout-initializer';
import { GATEWAY_CONTROLLERS } from './route-access';

export const DOCS_ASSETS_PATH = '/docs/assets';
// Not swagger-ui-dist's own swagger-initializer.js (the petstore's), which the assets middleware would serve first.
export const SWAGGER_INITIALIZER_FILE = 'cashout-initializer.js';

/** Scripts are files of this origin only: the page runs under DOCS_CSP (PAGE_CSP with Swagger UI's inline styles). */
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
  <script src="${DOCS_ASSETS_PATH}/${SWAGGER_INITIALIZER_FILE}"></script>
</body>
</html>
`;

@Controller('docs')
@Public()
export class DocsController {
  private readonly document: Record<string, unknown>;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig, @Inject(GATEWAY_CONTROLLERS) controllers: readonly Type[]) {
    this.document = buildOpenApiDocument({ includeSandbox: isDevelopmentEnv(config.appEnv), controllers });
  }

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', DOCS_CSP)
  page(): string {
    return SWAGGER_PAGE;
  }

  /** Among Swagger UI's own files (the static middleware finds no file of that name, and passes). */
  @Get(`assets/${SWAGGER_INITIALIZER_FILE}`)
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  initializer(): string {
    return SWAGGER_INITIALIZER_JS;
  }

  @Get('openapi.json')
  openapi(): Record<string, unknown> {
    return this.document;
  }
}
