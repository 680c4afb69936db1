// Not Nest: a hand-rolled router whose decorators share Nest's names.
import { Controller, Get, UseGuards } from "./tiny-router";

@Controller("/status") // expect-no-pattern: nestjs/api/controller
export class StatusController {
  @Get("/") // expect-no-pattern: nestjs/api/route-handler
  @UseGuards() // expect-no-pattern: nestjs/auth/use-guards
  status() {
    return { ok: true };
  }
}
