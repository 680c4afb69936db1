package com.example.planner.data

import com.example.planner.model.Priority
import com.example.planner.model.Task
import java.io.IOException
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.withContext

class StorageException(message: String, cause: Throwable? = null) : IOException(message, cause)

interface TaskRepository {
    suspend fun findById(id: String): Task?
    suspend fun findAll(minPriority: Priority = Priority.LOW): List<Task>
    suspend fun save(task: Task): Task
    suspend fun delete(id: String): Boolean
}

@Target(AnnotationTarget.CLASS, AnnotationTarget.FUNCTION)
@Retention(AnnotationRetention.RUNTIME)
annotation class Cached(val ttlSeconds: Int = 60)

@Cached(ttlSeconds = 300)
open class InMemoryTaskRepository(
    private val latencyMs: Long = 5L,
) : TaskRepository {
    private val mutex = Mutex()
    private val tasks = LinkedHashMap<String, Task>()

    override suspend fun findById(id: String): Task? = mutex.withLock { tasks[id] }

    override suspend fun findAll(minPriority: Priority): List<Task> {
        delay(latencyMs)
        return mutex.withLock {
            tasks.values.filter { it.priority.isAtLeast(minPriority) }
        }
    }

    override suspend fun save(task: Task): Task {
        delay(latencyMs)
        mutex.withLock { tasks[task.id] = task }
        return task
    }

    override suspend fun delete(id: String): Boolean = mutex.withLock { tasks.remove(id) != null }

    protected open fun onEvict(task: Task) {
        println("evicted ${task.id}")
    }
}

class FileTaskRepository(
    private val path: java.nio.file.Path,
    private val codec: (Task) -> String,
    private val parser: (String) -> Task,
) : InMemoryTaskRepository(latencyMs = 0) {

    suspend fun load(): Int = withContext(Dispatchers.IO) {
        var loaded = 0
        try {
            java.nio.file.Files.readAllLines(path).forEach { line ->
                if (line.isNotBlank()) {
                    save(parser(line))
                    loaded++
                }
            }
        } catch (e: java.nio.file.NoSuchFileException) {
            return@withContext 0
        } catch (e: IllegalArgumentException) {
            throw StorageException("corrupt task file $path", e)
        } finally {
            println("load attempt for $path finished")
        }
        loaded
    }

    suspend fun flush() = withContext(Dispatchers.IO) {
        val lines = findAll().map(codec)
        java.nio.file.Files.write(path, lines)
    }

    override fun onEvict(task: Task) {
        super.onEvict(task)
        println("also removing ${task.id} from ${path.fileName}")
    }
}
