package shop

open class BaseRepository {
    protected fun log(message: String) {
        println(message)
    }
}

class OrderRepository : BaseRepository() {
    private val rows = mutableMapOf<String, Int>()

    fun store(id: String, quantity: Int) {
        rows[id] = quantity
        log("stored $id")
    }

    fun quantityOf(id: String): Int = rows[id] ?: 0
}
