import { Body, Controller, Get, Param, Post } from '@nestjs/common'
import { UserService } from './user.service'

@Controller('users')
export class UserController {
  constructor(private readonly userService: UserService) {}

  @Post()
  create(@Body() body: { id: string; name: string }): string {
    return this.userService.create(body.id, body.name)
  }

  @Get(':id')
  show(@Param('id') id: string): string | undefined {
    return this.userService.find(id)
  }
}
