package com.example.planner.service

import com.example.planner.data.StorageException
import com.example.planner.data.TaskRepository
import com.example.planner.model.Priority
import com.example.planner.model.Project
import com.example.planner.model.Task
import com.example.planner.model.TaskState
import com.example.planner.model.label
import com.example.planner.model.score
import com.example.planner.model.withTag
import java.time.Instant
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

sealed interface ServiceResult<out T> {
    data class Ok<T>(val value: T) : ServiceResult<T>
    data class Failure(val message: String, val cause: Throwable? = null) : ServiceResult<Nothing>
}

inline fun <T, R> ServiceResult<T>.map(transform: (T) -> R): ServiceResult<R> = when (this) {
    is ServiceResult.Ok -> ServiceResult.Ok(transform(value))
    is ServiceResult.Failure -> this
}

class TaskService(
    private val repository: TaskRepository,
    private val project: Project,
    private val clock: () -> Instant = Instant::now,
) {
    @Volatile
    private var lastError: Throwable? = null

    suspend fun create(title: String, priority: Priority = Priority.MEDIUM): ServiceResult<Task> =
        try {
            val task = Task(title = title, priority = priority).withTag("inbox")
            repository.save(task)
            project.add(task)
            ServiceResult.Ok(task)
        } catch (e: IllegalArgumentException) {
            ServiceResult.Failure(e.message ?: "invalid task", e)
        } catch (e: StorageException) {
            lastError = e
            ServiceResult.Failure("storage unavailable", e)
        }

    fun start(taskId: String, assignee: String): Boolean {
        val current = project.states[taskId] ?: return false
        if (current !is TaskState.Open) return false
        project.states[taskId] = TaskState.InProgress(assignee, clock())
        return true
    }

    fun complete(taskId: String, note: String? = null) {
        project.states.computeIfPresent(taskId) { _, _ -> TaskState.Done(clock(), note) }
    }

    suspend fun topTasks(limit: Int = 10): List<Pair<Task, String>> = coroutineScope {
        val high = async { repository.findAll(Priority.HIGH) }
        val medium = async { repository.findAll(Priority.MEDIUM) }
        listOf(high, medium).awaitAll()
            .flatten()
            .distinctBy { it.id }
            .sortedByDescending { it.score }
            .take(limit)
            .map { it to (project.states[it.id]?.label() ?: "unknown") }
    }

    fun progress(): Flow<Double> = flow {
        val total = project.size.coerceAtLeast(1)
        val done = project.states.values.count { it is TaskState.Done }
        emit(done.toDouble() / total)
    }

    @Deprecated("Use create() instead", ReplaceWith("create(title)"))
    suspend fun add(title: String) = create(title)

    fun lastErrorMessage(): String = lastError?.message.orEmpty()
}
