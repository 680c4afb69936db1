import { Controller, Get, Query, Req } from '@nestjs/common';
import { Request } from 'express';
import { FilesService } from './files.service';
import { pickName } from './naming';

@Controller('files')
export class FilesController {
  constructor(private readonly filesService: FilesService) {}

  @Get('read')
  read(@Query('name') name: string) {
    return this.filesService.read(name);
  }

  @Get('header')
  fromHeader(@Req() req: Request) {
    return this.filesService.read(pickName(req));
  }

  @Get('remove')
  remove(@Req() req: Request) {
    const id = Number(req.query.id);
    return this.filesService.remove(String(id));
  }

  @Get('search')
  search(@Req() req: Request) {
    return this.filesService.search(req.query.term as string);
  }

  @Get('evaluate')
  evaluate(@Req() req: Request) {
    return this.filesService.evaluate({ expression: '1 + 1' }, req.query.note as string);
  }
}
