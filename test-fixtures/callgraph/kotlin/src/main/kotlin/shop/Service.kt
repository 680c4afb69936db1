package shop

import org.springframework.stereotype.Service

@Service
class OrderService(private val orderRepository: OrderRepository) {
    fun place(id: String, quantity: Int): Int {
        orderRepository.store(id, checked(quantity))
        return total(quantity)
    }

    fun report(id: String): String = describe(orderRepository.quantityOf(id))

    fun totals(quantities: List<Int>): List<Int> = quantities.map(::total)

    private fun checked(quantity: Int): Int = if (quantity > 0) quantity else 1

    private fun unusedHelper(): Int = 0
}

fun total(quantity: Int): Int = quantity * 3

fun describe(quantity: Int): String = "$quantity items"
