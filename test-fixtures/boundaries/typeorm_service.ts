import { Injectable } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import { Column, Entity, PrimaryGeneratedColumn, Repository } from 'typeorm'

@Entity()
export class Invoice { // drift-expect: model Invoice
  @PrimaryGeneratedColumn()
  id: number

  @Column()
  amount: number
}

@Injectable()
export class InvoiceService {
  constructor(@InjectRepository(Invoice) private readonly invoiceRepository: Repository<Invoice>) {}

  list() {
    return this.invoiceRepository.find({ order: { id: 'DESC' } }) // drift-expect: select invoice
  }

  store(invoice: Invoice) {
    return this.invoiceRepository.save(invoice) // drift-expect: upsert invoice
  }

  drop(id: number) {
    return this.invoiceRepository.delete(id) // drift-expect: delete invoice
  }
}
