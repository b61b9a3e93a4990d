import { Controller, Get, Redirect } from '@nestjs/common';
import { Public } from '../http/access.decorators';
import { CONSOLE_PATH } from '../console/console.static';

/** The old console's address: the web console (served at /console/) replaced it. */
@Controller('cmms')
@Public()
export class CmmsController {
  @Get()
  @Redirect(`${CONSOLE_PATH}/`, 302)
  page(): void {
    // Nest answers the redirect.
  }
}
