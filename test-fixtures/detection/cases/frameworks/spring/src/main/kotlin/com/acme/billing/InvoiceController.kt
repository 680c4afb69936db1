package com.acme.billing

import jakarta.validation.Valid
import org.springframework.beans.factory.annotation.Autowired
import org.springframework.security.access.annotation.Secured
import org.springframework.web.bind.annotation.*

@RestController // expect-pattern: spring/api/rest-controller, spring/structural/constructor-injection
@RequestMapping("/api/invoices")
class InvoiceController(private val invoices: InvoiceService) {

    @Autowired // expect-pattern: spring/structural/field-injection
    lateinit var clock: java.time.Clock

    @GetMapping("/{id}") // expect-pattern: spring/api/method-mapping
    fun get(@PathVariable id: Long): InvoiceDto = invoices.find(id)

    @PostMapping
    @Secured("ROLE_BILLING") // expect-pattern: spring/auth/pre-authorize
    fun create(@Valid @RequestBody request: CreateInvoice): InvoiceDto = invoices.create(request) // expect-pattern: spring/api/validated-request-body

    @RequestMapping(value = ["/{id}/void"], method = [RequestMethod.POST]) // expect-pattern: spring/api/request-mapping-method
    fun void(@PathVariable id: Long, @RequestBody reason: VoidReason) = invoices.void(id, reason) // expect-pattern: spring/api/unvalidated-request-body
}
