import { Injectable } from '@nestjs/common'

@Injectable()
export class UserRepository {
  private rows: Map<string, string> = new Map()

  findById(id: string): string | undefined {
    return this.rows.get(id)
  }

  insert(id: string, name: string): void {
    this.rows.set(id, name)
    this.touch(id)
  }

  private touch(id: string): void {
    audit(id)
  }
}

function audit(id: string): void {
  console.log(`touched ${id}`)
}
