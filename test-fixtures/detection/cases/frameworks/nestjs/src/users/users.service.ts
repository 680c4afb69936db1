import { ConflictException, Injectable, NotFoundException } from "@nestjs/common";
import { InjectRepository } from "@nestjs/typeorm";
import { Repository } from "typeorm";
import { User } from "./user.entity";

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly repo: Repository<User>, // expect-pattern: nestjs/data_access/inject-repository
  ) {}

  async findOne(id: number): Promise<User> {
    const user = await this.repo.findOneBy({ id });
    if (!user) {
      throw new NotFoundException(`user ${id} not found`); // expect-pattern: nestjs/errors/http-exception
    }
    return user;
  }

  async create(input: Partial<User>): Promise<User> {
    if (await this.repo.existsBy({ email: input.email })) {
      throw new ConflictException("email taken"); // expect-pattern: nestjs/errors/http-exception
    }
    if (!input.email) {
      throw new Error("email required"); // expect-no-pattern: nestjs/errors/http-exception
    }
    return this.repo.save(input);
  }
}
