# Deleted queue names cannot be reused for about a week: rename with care.
resource "google_cloud_tasks_queue" "queue" {
  for_each = local.queues

  name     = each.key
  location = var.region

  # Hammer drops are few, embed edits at most one a second per live auction; neither may pile
  # up behind a burst of retries.
  rate_limits {
    max_dispatches_per_second = 50
    max_concurrent_dispatches = 100
  }

  # Attempts from the registry; their spacing per queue from local.queue_backoff.
  retry_config {
    max_attempts       = each.value.max_attempts
    max_retry_duration = local.queue_retry[each.key].max_retry_duration
    min_backoff        = local.queue_retry[each.key].min_backoff
    max_backoff        = local.queue_retry[each.key].max_backoff
    max_doublings      = local.queue_retry[each.key].max_doublings
  }

  depends_on = [google_project_service.apis]
}

# A function may put tasks only on the queues the registry says it schedules on.
resource "google_cloud_tasks_queue_iam_member" "function_enqueues" {
  for_each = local.function_schedules

  location = var.region
  name     = google_cloud_tasks_queue.queue[each.value.queue].name
  role     = "roles/cloudtasks.enqueuer"
  member   = "serviceAccount:${google_service_account.function[each.value.function].email}"
}

# Deleting a task is its own right: only on the queues the registry says a function cancels on.
resource "google_cloud_tasks_queue_iam_member" "function_cancels" {
  for_each = local.function_cancels

  location = var.region
  name     = google_cloud_tasks_queue.queue[each.value.queue].name
  role     = "roles/cloudtasks.taskDeleter"
  member   = "serviceAccount:${google_service_account.function[each.value.function].email}"
}

# Only the tasks invoker may call task functions, and scheduled ones (Cloud Scheduler signs as it too).
resource "google_cloud_run_service_iam_member" "tasks_invoker_invokes_task_function" {
  for_each = merge(local.deployed_task_functions, local.deployed_scheduled_functions)

  location = var.region
  service  = google_cloudfunctions2_function.function[each.key].service_config[0].service
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.tasks_invoker.email}"
}

# One job per scheduled function in the registry, calling it with an OIDC token whose
# audience is the function's origin as the functions compute it from C500_TASKS_BASE_URL
# (what task-trigger checks), the same address Cloud Tasks uses for task functions.
resource "google_cloud_scheduler_job" "scheduled_function" {
  for_each = local.deployed_scheduled_functions

  name             = local.deployed_names[each.key]
  region           = var.region
  description      = "C500 scheduled function ${each.key}"
  # Every N minutes below an hour, every N hours below a day, else once a day at 03:17 UTC (off the hour's crowd).
  schedule = (each.value.every_minutes >= 1440 ? "17 3 * * *" :
    each.value.every_minutes >= 60 ? "0 */${floor(each.value.every_minutes / 60)} * * *" :
  "*/${each.value.every_minutes} * * * *")
  time_zone        = "Etc/UTC"
  attempt_deadline = "${local.timeout_seconds.scheduled}s"

  # A failed run is retried a few times; the next run comes anyway.
  retry_config {
    retry_count          = 3
    min_backoff_duration = "10s"
    max_backoff_duration = "60s"
  }

  http_target {
    http_method = "POST"
    uri         = "${replace(local.tasks_base_url, "{function}", local.deployed_names[each.key])}${each.value.route}"

    oidc_token {
      service_account_email = google_service_account.tasks_invoker.email
      audience              = replace(local.tasks_base_url, "{function}", local.deployed_names[each.key])
    }
  }

  depends_on = [google_project_service.apis, google_cloud_run_service_iam_member.tasks_invoker_invokes_task_function]
}
