import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient()

export async function findUser(email: string) {
  return prisma.user.findUnique({ where: { email } }) // drift-expect: select user
}

export async function register(email: string, name: string) {
  const user = await prisma.user.create({ data: { email, name } }) // drift-expect: insert user
  await prisma.auditLog.createMany({ data: [{ userId: user.id, action: 'register' }] }) // drift-expect: insert auditLog
  return user
}

export async function search(term: string) {
  return prisma.$queryRawUnsafe(`SELECT * FROM users WHERE name LIKE '%${term}%'`) // drift-expect: raw_query users unsafe
}

export function progress(tracker: { updateProgress(n: number): void }) {
  tracker.updateProgress(50)
}
