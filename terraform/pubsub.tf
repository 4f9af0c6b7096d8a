resource "google_pubsub_topic" "topic" {
  for_each = local.topics

  name       = each.key
  depends_on = [google_project_service.apis]
}

# Where a message lands after max_delivery_attempts failed pushes.
resource "google_pubsub_topic" "dead_letter" {
  for_each = local.dead_letter_topics

  name       = each.key
  depends_on = [google_project_service.apis]
}

# A topic with no subscription drops what it is sent: this keeps dead letters for a week so
# someone can read them and republish once the bug is fixed.
resource "google_pubsub_subscription" "dead_letter_hold" {
  for_each = local.dead_letter_topics

  name                       = "${each.key}-hold"
  topic                      = google_pubsub_topic.dead_letter[each.key].id
  ack_deadline_seconds       = 60
  message_retention_duration = "604800s"

  expiration_policy {
    ttl = ""
  }
}

# One push subscription per subscriber function. No ordering: handlers are idempotent, and
# where order matters (bids) Redis decides it, not delivery order.
resource "google_pubsub_subscription" "push" {
  for_each = local.deployed_pubsub_functions

  name                    = "${local.deployed_names[each.key]}-on-${each.value.topic}"
  topic                   = google_pubsub_topic.topic[each.value.topic].id
  ack_deadline_seconds    = 60
  enable_message_ordering = false

  push_config {
    push_endpoint = google_cloudfunctions2_function.function[each.key].service_config[0].uri

    oidc_token {
      service_account_email = google_service_account.pubsub_pusher.email
      audience              = google_cloudfunctions2_function.function[each.key].service_config[0].uri
    }
  }

  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.dead_letter[local.topics[each.value.topic].dead_letter_topic].id
    max_delivery_attempts = local.topics[each.value.topic].max_delivery_attempts
  }

  # Back off so a failing dependency (Discord 5xx, Firestore contention) gets time to recover.
  retry_policy {
    minimum_backoff = "10s"
    maximum_backoff = "600s"
  }

  # Subscriptions expire after 31 idle days by default; a quiet marketplace is not a dead one.
  expiration_policy {
    ttl = ""
  }

  # The first pushes must not be refused while the invoker grant is still missing.
  depends_on = [google_cloud_run_service_iam_member.pusher_invokes_subscriber]
}

# Dead lettering: the Pub/Sub service agent republishes to the dead-letter topic and acks the
# source subscription, and needs both rights explicitly.
resource "google_pubsub_topic_iam_member" "agent_publishes_dead_letters" {
  for_each = local.dead_letter_topics

  topic  = google_pubsub_topic.dead_letter[each.key].name
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:${local.pubsub_service_agent}"
}

resource "google_pubsub_subscription_iam_member" "agent_acks_dead_letters" {
  for_each = local.deployed_pubsub_functions

  subscription = google_pubsub_subscription.push[each.key].name
  role         = "roles/pubsub.subscriber"
  member       = "serviceAccount:${local.pubsub_service_agent}"
}

# A function may publish only to the topics it is listed for in local.publishes.
resource "google_pubsub_topic_iam_member" "function_publishes" {
  for_each = local.function_publishes

  topic  = google_pubsub_topic.topic[each.value.topic].name
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:${google_service_account.function[each.value.function].email}"
}

# Someone is paged when a message gives up: each dead-letter topic's hold subscription holding
# anything for five minutes opens an incident. ops-alerts.tf adds a ticket when the oldest one
# has waited a day (they are kept a week).
resource "google_monitoring_alert_policy" "dead_letters" {
  for_each = local.dead_letter_topics

  display_name          = "C500: messages dead-lettered from ${each.value.source_topic}"
  combiner              = "OR"
  notification_channels = local.page_channels

  conditions {
    display_name = "${each.key}-hold has undelivered messages"

    condition_threshold {
      filter          = "resource.type = \"pubsub_subscription\" AND resource.labels.subscription_id = \"${google_pubsub_subscription.dead_letter_hold[each.key].name}\" AND metric.type = \"pubsub.googleapis.com/subscription/num_undelivered_messages\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "300s"

      aggregations {
        alignment_period   = "300s"
        per_series_aligner = "ALIGN_MAX"
      }
    }
  }

  documentation {
    content   = "Messages from the ${each.value.source_topic} topic failed ${each.value.max_delivery_attempts} deliveries and wait in ${each.key}-hold (kept a week). Runbook: docs/operations/runbook.md#dead-letters (read them, fix the cause, then `npm run replay-dead-letters -- ${each.key}-hold`)."
    mime_type = "text/markdown"
  }

  depends_on = [google_project_service.apis]
}
