# The alerts beyond the SLOs (alerts.tf burns the SLOs' budgets): what the product's own lines
# say needs a person, and what the platform says is near a wall. Each names its runbook section
# (docs/operations/runbook.md), which has the commands to run; test/unit/alert-runbooks.test.ts
# fails on a policy whose section is missing, has no command, or notifies nobody.
#
# Log-match conditions (condition_matched_log) notify on every matching line, at most once per
# notification_rate_limit (the provider refuses a log-match policy without it); each distinct
# combination of the extracted labels is its own incident, so two orders needing a human are two.
locals {
  # One policy per kind of line that needs a person.
  log_match_alerts = {
    # h-signals' one line for every case where money must be moved by hand (a refund Stripe
    # refused, a host's cut owed, a payment after its order expired...): paged at once.
    money-needs-human = {
      display_name = "C500: money needs a human"
      filter       = "jsonPayload.event=\"money.needs-human\""
      labels       = { reason = "EXTRACT(jsonPayload.reason)", orderId = "EXTRACT(jsonPayload.orderId)" }
      severity     = "CRITICAL"
      channels     = "page"
      anchor       = "money-needs-a-human"
      what         = "A line asks a person to move money by hand (its `reason` and ids are in the incident's labels)."
    }
    # A Cloud Task's last attempt failed and Cloud Tasks dropped it: a hammer, a lot, an expiry
    # that nothing will run again but the sweeps.
    task-given-up = {
      display_name = "C500: a Cloud Task gave up"
      filter       = "jsonPayload.event=\"task.given-up\""
      labels       = { queue = "EXTRACT(jsonPayload.queue)", function = "EXTRACT(jsonPayload.function)" }
      severity     = "CRITICAL"
      channels     = "page"
      anchor       = "a-task-given-up"
      what         = "A Cloud Task failed its last attempt and was dropped."
    }
    # A message no retry can help, acknowledged and dropped by its subscriber: a bug or a
    # payload we cannot read. Nothing is lost that a retry would have saved, so a ticket.
    delivery-poison = {
      display_name = "C500: a poison message was dropped"
      filter       = "jsonPayload.event=\"delivery.poison\""
      labels       = { function = "EXTRACT(jsonPayload.function)" }
      severity     = "WARNING"
      channels     = "ticket"
      anchor       = "poison-messages"
      what         = "A subscriber refused a message as poison and acknowledged it."
    }
    # The nightly reconciliation found money in Stripe the journal does not explain (or the
    # other way round): docs/operations/reconciliation.md.
    reconcile-unexplained = {
      display_name = "C500: reconciliation found unexplained money"
      filter       = "jsonPayload.event=\"reconcile.unexplained\" AND jsonPayload.cents>0"
      labels       = { currency = "EXTRACT(jsonPayload.currency)", cents = "EXTRACT(jsonPayload.cents)" }
      severity     = "WARNING"
      channels     = "ticket"
      anchor       = "reconciliation-unexplained-amounts"
      what         = "The reconciliation found an amount Stripe and the money journal do not agree on."
    }
    # The auction sweep (every 5 minutes) is the hammer's backup: it settling an auction means
    # that auction's hammer task did not land (the auction-close queue or its function is
    # failing), so its winner heard minutes late. Paged: during a show every lot is next.
    auction-hammer-missed = {
      display_name = "C500: the sweep settled auctions whose hammer had not landed"
      filter       = "jsonPayload.event=\"auction.hammer-missed\""
      labels       = { count = "EXTRACT(jsonPayload.count)" }
      severity     = "CRITICAL"
      channels     = "page"
      anchor       = "auction-sweep-and-missed-hammers"
      what         = "The auction sweep settled auctions past their hammer's time: the hammer path is failing."
    }
    # The sweep could not settle an auction past its time: neither the hammer nor its backup
    # worked, and a winner is waiting. It tries again in 5 minutes; a person should look now.
    auction-sweep-failed = {
      display_name = "C500: the auction sweep could not settle an auction"
      filter       = "jsonPayload.event=\"auction.sweep-failed\""
      labels       = { auctionId = "EXTRACT(jsonPayload.auctionId)" }
      severity     = "CRITICAL"
      channels     = "page"
      anchor       = "auction-sweep-and-missed-hammers"
      what         = "The auction sweep failed to settle an auction past its hammer's time."
    }
    # A live auction the book no longer knows was ended unsold: its bids were lost (the book
    # restarted empty, or its keys expired). Its builder and channel were told; a ticket.
    auction-bids-lost = {
      display_name = "C500: a live auction's bids were lost from the book"
      filter       = "jsonPayload.event=\"auction.bids-lost\""
      labels       = {}
      severity     = "WARNING"
      channels     = "ticket"
      anchor       = "auction-sweep-and-missed-hammers"
      what         = "The auction sweep ended live auctions unsold because the book had lost them."
    }
    # An account that must be empty is not (money held for an order done with, a debt below zero).
    reconcile-uncleared = {
      display_name = "C500: reconciliation found an account that must be empty"
      filter       = "jsonPayload.event=\"reconciliation.uncleared\""
      labels       = { account = "EXTRACT(jsonPayload.account)", currency = "EXTRACT(jsonPayload.currency)" }
      severity     = "WARNING"
      channels     = "ticket"
      anchor       = "reconciliation-unexplained-amounts"
      what         = "The reconciliation found money left in an account that must be empty."
    }
  }

  # The functions grouped by their instance ceiling (locals.tf max_instances, else
  # var.max_instances): one policy per ceiling, each function its own time series.
  instance_ceilings = {
    for ceiling in distinct([for name, fn in local.deployed_functions : try(fn.max_instances, var.max_instances)]) :
    tostring(ceiling) => [for name, fn in local.deployed_functions : local.deployed_names[name] if try(fn.max_instances, var.max_instances) == ceiling]
  }

  # Uptime checks: every public HTTP function but the signed ingresses of the SLOs (Discord's
  # interactions and the four webhooks), whose refusals of an unsigned request would count
  # against those SLOs every few minutes; h-probe's signed synthetic PING and bid check those
  # instead. Each is reached through Firebase Hosting, as people reach it; a `:param` of a route
  # is filled with a made-up value, and any answer below 500 means the function answered.
  slo_ingresses = ["discordInteractions", "stripeWebhook", "twitchWebhook", "kofiWebhook", "shopifyWebhook"]
  uptime_paths = merge(
    { site = "/" },
    { for name, fn in local.deployed_public_functions : local.deployed_names[name] => replace(fn.route, "/:[A-Za-z]+/", "uptime-check") if !contains(local.slo_ingresses, name) },
  )
  public_host = regex("^https://([^/]+)", var.public_base_url)[0]
}

resource "google_monitoring_alert_policy" "log_match" {
  for_each = local.log_match_alerts

  display_name          = each.value.display_name
  combiner              = "OR"
  severity              = each.value.severity
  notification_channels = each.value.channels == "page" ? local.page_channels : local.ticket_channels

  conditions {
    display_name = "a ${each.key} line"

    condition_matched_log {
      filter           = each.value.filter
      label_extractors = each.value.labels
    }
  }

  alert_strategy {
    notification_rate_limit {
      period = "300s"
    }
    auto_close = "86400s"
  }

  documentation {
    content   = "${each.value.what} Runbook: docs/operations/runbook.md#${each.value.anchor}"
    mime_type = "text/markdown"
  }

  depends_on = [google_project_service.apis]
}

# Any ERROR line (shared/log/index.ts `log.error`), per Cloud Run service: a subscriber failing (and
# redelivered), an HTTP function answering 500, a line asking for a human. A few an hour are the
# outside world's noise (the soak injects them); this many in 5 minutes, twice running, is not.
resource "google_monitoring_alert_policy" "error_lines" {
  display_name          = "C500: ERROR lines above 20 in 5 minutes in one function"
  combiner              = "OR"
  severity              = "ERROR"
  notification_channels = local.page_channels

  conditions {
    display_name = "ERROR lines per function over 5 minutes"

    condition_threshold {
      filter          = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.metric["error_lines"].name}\" AND resource.type=\"cloud_run_revision\""
      comparison      = "COMPARISON_GT"
      threshold_value = 20
      duration        = "300s"

      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.label.service_name"]
      }
    }
  }

  documentation {
    content   = "One function wrote more than 20 ERROR lines in 5 minutes, twice running. Runbook: docs/operations/runbook.md#error-lines"
    mime_type = "text/markdown"
  }

  depends_on = [google_project_service.apis]
}

# Interactions answered "couldn't be sure it got that" because Pub/Sub refused or timed out on their
# work: answered 200, so the interaction SLOs (Cloud Run's request_count) never see them. More than 5
# in 5 minutes is members' bids and presses failing in front of them: paged at once.
resource "google_monitoring_alert_policy" "interactions_not_taken" {
  display_name          = "C500: interactions not taken (their work could not be published)"
  combiner              = "OR"
  severity              = "CRITICAL"
  notification_channels = local.page_channels

  conditions {
    display_name = "Interactions not taken over 5 minutes"

    condition_threshold {
      filter          = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.metric["interactions_not_taken"].name}\" AND resource.type=\"cloud_run_revision\""
      comparison      = "COMPARISON_GT"
      threshold_value = 5
      duration        = "0s"

      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
      }
    }
  }

  documentation {
    content   = "More than 5 interactions in 5 minutes were answered in words because their work could not be published. Runbook: docs/operations/runbook.md#interactions-not-taken"
    mime_type = "text/markdown"
  }

  depends_on = [google_project_service.apis]
}

# Dead letters kept a week (pubsub.tf): one waiting a day means nobody has replayed it yet.
resource "google_monitoring_alert_policy" "dead_letter_age" {
  for_each = local.dead_letter_topics

  display_name          = "C500: a dead letter from ${each.value.source_topic} has waited a day"
  combiner              = "OR"
  severity              = "WARNING"
  notification_channels = local.ticket_channels

  conditions {
    display_name = "${each.key}-hold's oldest message older than 24 h"

    condition_threshold {
      filter          = "resource.type = \"pubsub_subscription\" AND resource.labels.subscription_id = \"${google_pubsub_subscription.dead_letter_hold[each.key].name}\" AND metric.type = \"pubsub.googleapis.com/subscription/oldest_unacked_message_age\""
      comparison      = "COMPARISON_GT"
      threshold_value = 86400
      duration        = "600s"

      aggregations {
        alignment_period   = "300s"
        per_series_aligner = "ALIGN_MAX"
      }
    }
  }

  documentation {
    content   = "The oldest message in ${each.key}-hold has waited more than a day; it is dropped after 7. Runbook: docs/operations/runbook.md#dead-letters (`npm run replay-dead-letters -- ${each.key}-hold`)."
    mime_type = "text/markdown"
  }

  depends_on = [google_project_service.apis]
}

# docs/capacity.md: Upstash's commands are the first wall (10,000/s on pay-as-you-go; a 10,000
# viewer show needs a third of it), and each database of the book (UPSTASH_BOOK_SHARDS) has its
# own. h-signals' `redis.commands` lines tally each instance's commands on one database over its
# window, so the sum of a database's tallies over 5 minutes, per second, is its rate: summed by
# the `database` label (the database's index), each database is judged against its own limit,
# never the databases together.
resource "google_monitoring_alert_policy" "redis_commands" {
  display_name          = "C500: Upstash commands above 80 % of the plan's limit"
  combiner              = "OR"
  severity              = "CRITICAL"
  notification_channels = local.page_channels

  conditions {
    display_name = "commands per second on one database over 5 minutes above 80 % of ${var.upstash_commands_per_second_limit}"

    condition_prometheus_query_language {
      query               = "sum by (database) (rate(logging_googleapis_com:user_c500_redis_commands_sum{monitored_resource=\"cloud_run_revision\"}[5m])) > ${0.8 * var.upstash_commands_per_second_limit}"
      duration            = "300s"
      evaluation_interval = "60s"
    }
  }

  documentation {
    content   = "Redis commands on one database of the book (the incident's `database` label: its index, 0 for UPSTASH_REDIS_REST_URL, then UPSTASH_BOOK_SHARDS in order) ran above 80 % of the Upstash plan's ${var.upstash_commands_per_second_limit} per second for 5 minutes: at the limit Upstash refuses that database's commands and bids on it fail. Runbook: docs/operations/runbook.md#upstash-commands-near-the-limit"
    mime_type = "text/markdown"
  }

  depends_on = [google_project_service.apis, google_logging_metric.metric]
}

# docs/capacity.md: Pub/Sub counts each publish request against the region's publisher quota by
# its size in whole kB (1 kB at least), and Google reports that count as each topic's byte_cost.
# The ingresses publish one message a request, so a show's peak is its messages × their kB.
resource "google_monitoring_alert_policy" "pubsub_publisher_throughput" {
  display_name          = "C500: Pub/Sub publishing above 80 % of the region's quota"
  combiner              = "OR"
  severity              = "CRITICAL"
  notification_channels = local.page_channels

  conditions {
    display_name = "kB per second published over 5 minutes above 80 % of ${var.pubsub_publisher_kb_per_second_limit}"

    condition_prometheus_query_language {
      query               = "sum(rate(pubsub_googleapis_com:topic_byte_cost{monitored_resource=\"pubsub_topic\"}[5m])) > ${0.8 * 1000 * var.pubsub_publisher_kb_per_second_limit}"
      duration            = "300s"
      evaluation_interval = "60s"
    }
  }

  documentation {
    content   = "Pub/Sub publishing ran above 80 % of the region's ${var.pubsub_publisher_kb_per_second_limit} kB per second for 5 minutes: at the quota Pub/Sub refuses publishes and the ingresses answer 5xx. Runbook: docs/operations/runbook.md#pubsub-publishing-near-the-quota"
    mime_type = "text/markdown"
  }

  depends_on = [google_project_service.apis]
}

# max_instances is the cost guard and the capacity model's limit at once (functions.tf): at the
# ceiling Cloud Run queues and then refuses (429) requests, and nothing of ours logs it.
resource "google_monitoring_alert_policy" "instance_ceiling" {
  for_each = local.instance_ceilings

  display_name          = "C500: a function above 80 % of its ${each.key} max instances"
  combiner              = "OR"
  severity              = "CRITICAL"
  notification_channels = local.page_channels

  conditions {
    display_name = "instances above ${0.8 * tonumber(each.key)}"

    condition_threshold {
      filter          = "metric.type=\"run.googleapis.com/container/instance_count\" AND resource.type=\"cloud_run_revision\" AND resource.label.service_name=monitoring.regex.full_match(\"(${join("|", each.value)})\")"
      comparison      = "COMPARISON_GT"
      threshold_value = 0.8 * tonumber(each.key)
      duration        = "300s"

      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_MAX"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.label.service_name"]
      }
    }
  }

  documentation {
    content   = "A function ran more than 80 % of its ${each.key} max instances for 5 minutes. Runbook: docs/operations/runbook.md#cloud-run-instances-near-max-instances"
    mime_type = "text/markdown"
  }

  depends_on = [google_project_service.apis]
}

# Stripe and Discord refusing us for rate (429), as a share of our calls to each: the
# `outbound call` lines (shared/outbound-calls.ts) through metrics.tf's outbound_calls and
# outbound_refusals. @discordjs/rest and stripe-node retry 429s themselves, so a line with 429
# is one they gave up on.
resource "google_monitoring_alert_policy" "outbound_429" {
  display_name          = "C500: Stripe or Discord answering 429 to more than 5 % of calls"
  combiner              = "OR"
  severity              = "ERROR"
  notification_channels = local.page_channels

  conditions {
    display_name = "429s over calls, per system, over 5 minutes"

    condition_threshold {
      filter             = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.metric["outbound_refusals"].name}\" AND resource.type=\"cloud_run_revision\" AND metric.label.status=\"429\""
      denominator_filter = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.metric["outbound_calls"].name}\" AND resource.type=\"cloud_run_revision\""
      comparison         = "COMPARISON_GT"
      threshold_value    = 0.05
      duration           = "300s"

      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["metric.label.system"]
      }

      denominator_aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["metric.label.system"]
      }
    }
  }

  documentation {
    content   = "More than 5 % of our calls to Stripe or Discord were refused with 429 for 5 minutes. Runbook: docs/operations/runbook.md#stripe-or-discord-answering-429"
    mime_type = "text/markdown"
  }

  depends_on = [google_project_service.apis]
}

# Silence during a show: h-signals' sweep writes `shows.live` with the count of live shows at
# least every 5 minutes (metrics.tf shows_live counts the lines with a show live). A show live
# for 15 minutes with no interaction answered at all means Discord is not reaching us (an
# endpoint URL changed, the ingress down behind Hosting), which no line of ours can say.
resource "google_monitoring_alert_policy" "silent_show" {
  display_name          = "C500: a show is live and no interaction came for 15 minutes"
  combiner              = "AND"
  severity              = "CRITICAL"
  notification_channels = local.page_channels

  conditions {
    display_name = "a show live in the last 15 minutes"

    condition_threshold {
      filter          = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.metric["shows_live"].name}\" AND resource.type=\"cloud_run_revision\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"

      aggregations {
        alignment_period     = "900s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
      }
    }
  }

  conditions {
    display_name = "no interaction answered for 15 minutes"

    condition_absent {
      filter   = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.metric["interaction_answer_ms"].name}\" AND resource.type=\"cloud_run_revision\""
      duration = "900s"

      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_COUNT"
      }
    }
  }

  documentation {
    content   = "A show has been live for 15 minutes and the Discord ingress answered nothing. Runbook: docs/operations/runbook.md#no-interactions-during-a-live-show"
    mime_type = "text/markdown"
  }

  depends_on = [google_project_service.apis]
}

resource "google_monitoring_uptime_check_config" "public" {
  for_each = local.uptime_paths

  display_name = "C500 ${each.key} (${each.value})"
  timeout      = "10s"
  period       = "300s"

  http_check {
    path           = each.value
    port           = 443
    use_ssl        = true
    validate_ssl   = true
    request_method = "GET"

    # The function answered: a page, a redirect to sign in, or "no such auction" for the made-up id.
    accepted_response_status_codes {
      status_class = "STATUS_CLASS_2XX"
    }
    accepted_response_status_codes {
      status_class = "STATUS_CLASS_3XX"
    }
    accepted_response_status_codes {
      status_class = "STATUS_CLASS_4XX"
    }
  }

  monitored_resource {
    type = "uptime_url"
    labels = {
      project_id = var.project_id
      host       = local.public_host
    }
  }

  depends_on = [google_project_service.apis]
}

# Down from two of the checking regions at once, for two checks running (one region's network
# trouble alone does not page).
resource "google_monitoring_alert_policy" "uptime" {
  for_each = local.uptime_paths

  display_name          = "C500: ${each.key} is down (uptime check ${each.value})"
  combiner              = "OR"
  severity              = "CRITICAL"
  notification_channels = local.page_channels

  conditions {
    display_name = "uptime check ${each.key} failing"

    condition_threshold {
      filter          = "metric.type=\"monitoring.googleapis.com/uptime_check/check_passed\" AND resource.type=\"uptime_url\" AND metric.label.check_id=\"${google_monitoring_uptime_check_config.public[each.key].uptime_check_id}\""
      comparison      = "COMPARISON_GT"
      threshold_value = 1
      duration        = "600s"

      aggregations {
        alignment_period     = "1200s"
        per_series_aligner   = "ALIGN_NEXT_OLDER"
        cross_series_reducer = "REDUCE_COUNT_FALSE"
        group_by_fields      = ["resource.label.host"]
      }
    }
  }

  documentation {
    content   = "https://${local.public_host}${each.value} answered 5xx, timed out or did not connect from more than one region. Runbook: docs/operations/runbook.md#uptime-check-failing"
    mime_type = "text/markdown"
  }

  depends_on = [google_project_service.apis]
}

# The hammer's backup stopped: the auction sweep writes a shows.live line on every run (every 5
# minutes), so none for 15 minutes means three runs missed (its Cloud Scheduler job paused or
# failing, its function not starting) and an auction whose hammer is lost would stay open.
resource "google_monitoring_alert_policy" "sweep_silent" {
  display_name          = "C500: the auction sweep has not run for 15 minutes"
  combiner              = "OR"
  severity              = "CRITICAL"
  notification_channels = local.page_channels

  conditions {
    display_name = "no shows.live heartbeat for 15 minutes"

    condition_absent {
      filter   = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.metric["sweep_runs"].name}\" AND resource.type=\"cloud_run_revision\""
      duration = "900s"

      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
      }
    }
  }

  documentation {
    content   = "The auction sweep, the hammer's backup, wrote no heartbeat for 15 minutes. Runbook: docs/operations/runbook.md#auction-sweep-and-missed-hammers"
    mime_type = "text/markdown"
  }

  depends_on = [google_project_service.apis]
}
