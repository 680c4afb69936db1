import { Body, Controller, Delete, Get, Param, ParseIntPipe, Patch, Post, UseGuards } from "@nestjs/common";
import { AuthGuard } from "@nestjs/passport";
import { CreateUserDto, UpdateUserDto } from "./dto";
import { UsersService } from "./users.service";

@Controller("users") // expect-pattern: nestjs/api/controller  expect-no-pattern: nestjs/api/route-handler
@UseGuards(AuthGuard("jwt")) // expect-pattern: nestjs/auth/use-guards
export class UsersController {
  constructor(private readonly users: UsersService) {} // expect-no-pattern: nestjs/data_access/inject-repository

  @Get(":id") // expect-pattern: nestjs/api/route-handler  expect-no-pattern: nestjs/api/controller
  findOne(@Param("id", ParseIntPipe) id: number) { // expect-no-pattern: nestjs/api/body-dto, nestjs/api/body-untyped
    return this.users.findOne(id);
  }

  @Post() // expect-pattern: nestjs/api/route-handler
  create(
    @Body() dto: CreateUserDto, // expect-pattern: nestjs/api/body-dto  expect-no-pattern: nestjs/api/body-untyped
  ) {
    return this.users.create(dto);
  }

  @Patch(":id")
  update(
    @Param("id", ParseIntPipe) id: number,
    @Body() changes: Partial<UpdateUserDto>, // expect-pattern: nestjs/api/body-dto
  ) {
    return this.users.update(id, changes);
  }

  @Post(":id/avatar")
  setAvatar(
    @Param("id") id: string,
    @Body() body: any, // expect-pattern: nestjs/api/body-untyped  expect-no-pattern: nestjs/api/body-dto
  ) {
    return this.users.setAvatar(id, body.url);
  }

  @Post(":id/rename")
  rename(
    @Param("id") id: string,
    @Body("name") name: string, // expect-pattern: nestjs/api/body-untyped  expect-no-pattern: nestjs/api/body-dto
  ) {
    return this.users.rename(id, name);
  }

  @Post(":id/tags")
  tag(
    @Body() payload: Record<string, string>, // expect-pattern: nestjs/api/body-untyped  expect-no-pattern: nestjs/api/body-dto
  ) {
    return payload;
  }

  @Post("wrapped")
  createWrapped(
    @Body("user") user: CreateUserDto, // expect-pattern: nestjs/api/body-dto  expect-no-pattern: nestjs/api/body-untyped
  ) {
    return this.users.create(user);
  }

  @Delete(":id")
  remove(@Param("id") id: string) {
    return this.users.remove(id);
  }
}
