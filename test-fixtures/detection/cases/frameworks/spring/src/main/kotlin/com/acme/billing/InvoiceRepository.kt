package com.acme.billing

import org.springframework.data.repository.CrudRepository

interface InvoiceRepository : CrudRepository<Invoice, Long> { // expect-pattern: spring/data_access/jpa-repository
    fun findByCustomerId(customerId: Long): List<Invoice>
}

data class Money(val amount: Long, val currency: String) // expect-no-pattern: spring/structural/constructor-injection
