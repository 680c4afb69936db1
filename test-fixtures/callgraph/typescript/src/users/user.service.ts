import { Injectable } from '@nestjs/common'
import { UserRepository } from './user.repository'
import { normalizeName } from '../shared/text'

@Injectable()
export class UserService {
  constructor(private readonly userRepository: UserRepository) {}

  create(id: string, name: string): string {
    const clean = normalizeName(name)
    this.userRepository.insert(id, clean)
    return clean
  }

  find(id: string): string | undefined {
    return this.userRepository.findById(id)
  }
}
