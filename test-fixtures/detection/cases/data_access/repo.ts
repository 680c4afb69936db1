import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

export class UserRepository { // expect-pattern: data_access/repository-class  expect-no-pattern: data_access/dao-class
  async findActive() {
    return prisma.user.findMany({ where: { active: true } }); // expect-pattern: data_access/orm-query
  }

  async emails(ids: string[]) {
    const out = [];
    // expect-pattern: data_access/query-in-loop
    for (const id of ids) {
      const user = await prisma.user.findUnique({ where: { id } });
      out.push(user?.email);
    }
    return out;
  }

  async all() {
    // expect-no-pattern: data_access/query-in-loop
    for (const user of await prisma.user.findMany()) {
      console.log(user.id);
    }
  }

  async profiles(ids: string[]) {
    return Promise.all(ids.map((id) => this.db.query("SELECT * FROM profiles WHERE id = $1", [id]))); // expect-pattern: data_access/query-in-loop, data_access/raw-sql
  }

  async transfer(from: string, to: string, amount: number) {
    await prisma.$transaction(async (tx) => { // expect-pattern: data_access/transaction-managed  expect-no-pattern: data_access/transaction-manual
      await tx.account.update({ where: { id: from }, data: { balance: { decrement: amount } } });
      await tx.account.update({ where: { id: to }, data: { balance: { increment: amount } } });
    });
  }

  async legacyTransfer(sequelize: Sequelize) {
    const t = await sequelize.transaction(); // expect-pattern: data_access/transaction-manual  expect-no-pattern: data_access/transaction-managed
    try {
      await t.commit();
    } catch (err) {
      await t.rollback();
      throw err;
    }
  }
}

export class RepositoryFactory {} // expect-no-pattern: data_access/repository-class

export function firstAdult(people: Person[]) {
  return people.stream().findFirst(); // expect-no-pattern: data_access/orm-query
}
