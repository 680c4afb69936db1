package shop

fun main() {
    val service = OrderService(OrderRepository())
    println(service.place("a", 2))
    println(service.report("a"))
}
