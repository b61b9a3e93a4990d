import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '../http/access.decorators';
import { CMMS_PAGE } from './cmms.page';

@Controller('cmms')
@Public()
export class CmmsController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header(
    'Content-Security-Policy',
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'",
  )
  page(): string {
    return CMMS_PAGE;
  }
}
