import { IsEmail, IsOptional, IsString, Length } from "class-validator";

export class CreateUserDto { // expect-pattern: nestjs/api/validated-dto
  @IsEmail()
  email: string;

  @IsString()
  @Length(2, 80)
  name: string;
}

export class UpdateUserDto { // expect-pattern: nestjs/api/validated-dto
  @IsOptional()
  @IsString()
  name?: string;
}

export class UserView { // expect-no-pattern: nestjs/api/validated-dto
  id: number;
  email: string;
}
