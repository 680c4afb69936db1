@file:JvmName("TaskModel")

package com.example.planner.model

import java.time.Instant
import java.time.LocalDate
import java.util.UUID
import kotlinx.serialization.Serializable

enum class Priority(val weight: Int) {
    LOW(1),
    MEDIUM(3),
    HIGH(7),
    URGENT(15);

    fun isAtLeast(other: Priority): Boolean = weight >= other.weight
}

@Serializable
data class Tag(val name: String, val color: String = "#888888")

sealed class TaskState {
    object Open : TaskState()
    data class InProgress(val assignee: String, val startedAt: Instant) : TaskState()
    data class Done(val completedAt: Instant, val note: String? = null) : TaskState()
    data class Blocked(val reason: String) : TaskState()
}

interface Identified {
    val id: String
}

abstract class AuditedEntity : Identified {
    var version: Long = 0
        protected set

    protected fun bump() {
        version += 1
    }
}

@Serializable
data class Task(
    override val id: String = UUID.randomUUID().toString(),
    val title: String,
    val priority: Priority = Priority.MEDIUM,
    val due: LocalDate? = null,
    val tags: Set<Tag> = emptySet(),
) : Identified {
    init {
        require(title.isNotBlank()) { "title must not be blank" }
    }

    val isOverdue: Boolean
        get() = due?.isBefore(LocalDate.now()) ?: false

    companion object {
        const val MAX_TITLE = 140

        fun quick(title: String): Task = Task(title = title.take(MAX_TITLE))
    }
}

class Project(override val id: String, val name: String) : AuditedEntity() {
    private val tasks = mutableListOf<Task>()
    internal val states = mutableMapOf<String, TaskState>()

    val size: Int get() = tasks.size

    fun add(task: Task): Project = apply {
        tasks += task
        states[task.id] = TaskState.Open
        bump()
    }

    operator fun get(taskId: String): Task? = tasks.firstOrNull { it.id == taskId }

    fun tasksBy(priority: Priority): List<Task> =
        tasks.filter { it.priority.isAtLeast(priority) }.sortedByDescending { it.priority.weight }
}

fun TaskState.label(): String = when (this) {
    is TaskState.Open -> "open"
    is TaskState.InProgress -> "in progress ($assignee)"
    is TaskState.Done -> "done" + (note?.let { ": $it" } ?: "")
    is TaskState.Blocked -> "blocked: $reason"
}

fun Task.withTag(name: String, color: String = "#3366ff"): Task = copy(tags = tags + Tag(name, color))

val Task.score: Int
    get() = priority.weight * (if (isOverdue) 2 else 1)
