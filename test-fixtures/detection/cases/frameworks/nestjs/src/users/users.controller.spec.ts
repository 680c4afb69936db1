import { Test, TestingModule } from "@nestjs/testing";
import { UsersController } from "./users.controller";
import { UsersService } from "./users.service";

describe("UsersController", () => {
  let controller: UsersController;

  beforeEach(async () => {
    const module: TestingModule = await Test.createTestingModule({ // expect-pattern: nestjs/testing/testing-module
      controllers: [UsersController],
      providers: [{ provide: UsersService, useValue: { findOne: jest.fn() } }],
    }).compile(); // expect-no-pattern: nestjs/testing/testing-module

    controller = module.get(UsersController);
  });

  it("is defined", () => {
    expect(controller).toBeDefined();
  });
});
