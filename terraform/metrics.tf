# What an operator watches, counted from the log lines the product writes (shared/log.ts: one
# JSON line each, `message` and an `event` field naming what happened). Each filter is run over
# a soak's log by test/unit/terraform-log-metrics.test.ts, which fails when a metric would count
# nothing or the wrong lines; `npm run soak` and `npm run bench:auction` compute the SLOs from
# these same filters (scripts/slo). The filters use only what scripts/slo/logging-filter.ts
# evaluates: comparisons, AND, OR, NOT and parentheses (never AND and OR mixed unbracketed:
# Cloud Logging binds OR first). shared/log.ts writes `WARN`, which is no LogSeverity, so no
# filter reads severity for a warning: each reads the line's `event`.
locals {
  log_metrics = {
    # Every interaction's time inside the ingress (shared/triggers/http-trigger.ts `http.answered`):
    # Discord fails an interaction not answered in 3 s. A cold start is not in it (Cloud Run's
    # request log has that); the bounds put 3 s on an edge, as the SLO's cut needs.
    interaction_answer_ms = {
      description = "Time the Discord ingress took to answer an interaction, in milliseconds."
      filter      = "jsonPayload.event=\"http.answered\" AND jsonPayload.function=\"discordInteractions\""
      value_type  = "DISTRIBUTION"
      unit        = "ms"
      value       = "EXTRACT(jsonPayload.ms)"
      bounds      = [25, 50, 100, 250, 500, 1000, 2000, 3000, 5000, 10000]
      labels      = { status = "EXTRACT(jsonPayload.status)" }
    }
    # Every answer of the outside webhooks (Stripe, Twitch, Ko-fi, Shopify), and those 2xx: a
    # sender retries anything else, and Stripe disables an endpoint that keeps failing.
    webhook_answers = {
      description = "Answers of the Stripe, Twitch, Ko-fi and Shopify webhooks."
      filter      = "jsonPayload.event=\"http.answered\" AND jsonPayload.function=~\"^(stripeWebhook|twitchWebhook|kofiWebhook|shopifyWebhook)$\""
      value_type  = "INT64"
      unit        = "1"
      labels      = { function = "EXTRACT(jsonPayload.function)", status = "EXTRACT(jsonPayload.status)" }
    }
    webhook_answers_2xx = {
      description = "Answers of the Stripe, Twitch, Ko-fi and Shopify webhooks with a 2xx status."
      filter      = "jsonPayload.event=\"http.answered\" AND jsonPayload.function=~\"^(stripeWebhook|twitchWebhook|kofiWebhook|shopifyWebhook)$\" AND jsonPayload.status>=200 AND jsonPayload.status<300"
      value_type  = "INT64"
      unit        = "1"
      labels      = { function = "EXTRACT(jsonPayload.function)" }
    }
    # Every bid decided (Discord or chat; a redelivered one, `repeat`, is left out), accepted or
    # refused and why: the book's outcome, or book-unavailable when the book did not answer.
    bids_decided = {
      description = "Bids decided, by outcome (accepted, refused) and reason (the book's outcome)."
      filter      = "jsonPayload.event=\"bid.decided\" AND jsonPayload.repeat=false"
      value_type  = "INT64"
      unit        = "1"
      labels      = { outcome = "EXTRACT(jsonPayload.outcome)", reason = "EXTRACT(jsonPayload.reason)" }
    }
    # A request to an ingress whose signature (or freshness, where the sender signs its time) failed.
    webhook_refusals = {
      description = "Requests the ingresses refused: a bad signature or a stale message, by source."
      filter      = "jsonPayload.event=\"webhook.refused\""
      value_type  = "INT64"
      unit        = "1"
      labels      = { source = "EXTRACT(jsonPayload.source)", reason = "EXTRACT(jsonPayload.reason)" }
    }
    # A subscriber that threw: Pub/Sub redelivers, and dead-letters after max_delivery_attempts.
    # One push subscription per function, so the function names the subscription.
    deliveries_failed = {
      description = "Pub/Sub deliveries a subscriber failed (redelivered later), by function."
      filter      = "jsonPayload.event=\"delivery.failed\""
      value_type  = "INT64"
      unit        = "1"
      labels      = { function = "EXTRACT(jsonPayload.function)" }
    }
    # A message no retry can help (PoisonMessage), acknowledged and dropped by the subscriber itself.
    # Pub/Sub's own dead-lettering is its subscription metric, on the dashboard.
    deliveries_poisoned = {
      description = "Pub/Sub messages a subscriber refused as poison and acknowledged, by function."
      filter      = "jsonPayload.event=\"delivery.poison\""
      value_type  = "INT64"
      unit        = "1"
      labels      = { function = "EXTRACT(jsonPayload.function)" }
    }
    # The last attempt of a task failed: Cloud Tasks drops it (shared/triggers/task-trigger.ts).
    tasks_given_up = {
      description = "Cloud Tasks whose last attempt failed, by queue."
      filter      = "jsonPayload.event=\"task.given-up\""
      value_type  = "INT64"
      unit        = "1"
      labels      = { queue = "EXTRACT(jsonPayload.queue)", function = "EXTRACT(jsonPayload.function)" }
    }
    # A builder's share sent after a proof, or refused by Stripe (the order stays paid).
    releases = {
      description = "Releases of a builder's share: sent, or refused by Stripe."
      filter      = "jsonPayload.event=\"release.sent\" OR jsonPayload.event=\"release.refused\""
      value_type  = "INT64"
      unit        = "1"
      labels      = { outcome = "REGEXP_EXTRACT(jsonPayload.event, \"^release\\\\.(sent|refused)$\")" }
    }
    # From the proof to the release sent; a release that waited out a dispute is left out.
    release_delay_ms = {
      description = "Time from a proof to its release sent, in milliseconds (releases that waited out a dispute left out)."
      filter      = "jsonPayload.event=\"release.sent\" AND jsonPayload.waited=false"
      value_type  = "DISTRIBUTION"
      unit        = "ms"
      value       = "EXTRACT(jsonPayload.ms)"
      bounds      = [5000, 30000, 60000, 300000, 600000, 1800000, 3600000, 21600000]
      labels      = {}
    }
    # From the payment (the order's or the show checkout's paidAt) to the buyer's receipt told.
    receipt_delay_ms = {
      description = "Time from a payment to the buyer's receipt DM, in milliseconds."
      filter      = "jsonPayload.event=\"dm.told\" AND jsonPayload.fact=~\"^(show-)?receipt$\""
      value_type  = "DISTRIBUTION"
      unit        = "ms"
      value       = "EXTRACT(jsonPayload.ms)"
      bounds      = [1000, 5000, 15000, 30000, 60000, 300000, 1800000]
      labels      = { outcome = "EXTRACT(jsonPayload.outcome)" }
    }
    refunds = {
      description = "Refunds of our orders recorded from Stripe's charge.refunded, full or partial."
      filter      = "jsonPayload.event=\"refund.recorded\""
      value_type  = "INT64"
      unit        = "1"
      labels      = { fully = "EXTRACT(jsonPayload.fully)" }
    }
    disputes = {
      description = "Stripe dispute events handled, by the dispute's status."
      filter      = "jsonPayload.event=\"dispute.changed\""
      value_type  = "INT64"
      unit        = "1"
      labels      = { status = "EXTRACT(jsonPayload.status)" }
    }
    # Every ERROR line (shared/log.ts log.error), counted per Cloud Run service through the
    # metric's resource (resource.label.service_name): ops-alerts.tf's error_lines.
    error_lines = {
      description = "Log lines of severity ERROR or above."
      filter      = "severity>=ERROR"
      value_type  = "INT64"
      unit        = "1"
      labels      = {}
    }
    # Every call to Discord or Stripe (shared/outbound-calls.ts), and those refused with the
    # status they were refused with: ops-alerts.tf pages on 429s as a share of the calls.
    outbound_calls = {
      description = "Calls to Discord and Stripe, by system and outcome (ok, refused)."
      filter      = "jsonPayload.message=\"outbound call\""
      value_type  = "INT64"
      unit        = "1"
      labels      = { system = "EXTRACT(jsonPayload.system)", outcome = "EXTRACT(jsonPayload.outcome)" }
    }
    outbound_refusals = {
      description = "Calls to Discord and Stripe refused, by system and HTTP status (429: rate limited)."
      filter      = "jsonPayload.message=\"outbound call\" AND jsonPayload.outcome=\"refused\""
      value_type  = "INT64"
      unit        = "1"
      labels      = { system = "EXTRACT(jsonPayload.system)", status = "EXTRACT(jsonPayload.status)" }
    }
    # Each instance's tally of Upstash commands over its window (h-signals' `redis.commands`):
    # summed over time, the plan's commands per second (ops-alerts.tf redis_commands).
    redis_commands = {
      description = "Upstash commands an instance ran in its tally window (commands, over windowSeconds)."
      filter      = "jsonPayload.event=\"redis.commands\""
      value_type  = "DISTRIBUTION"
      unit        = "1"
      value       = "EXTRACT(jsonPayload.commands)"
      bounds      = [10, 100, 1000, 10000, 100000, 1000000]
      labels      = {}
    }
    # The live-show sweep's heartbeat (h-signals' `shows.live`) when a show is live: with no
    # interaction beside it for 15 minutes, ops-alerts.tf silent_show pages.
    shows_live = {
      description = "Heartbeats of the live-show sweep that found a show live."
      filter      = "jsonPayload.event=\"shows.live\" AND jsonPayload.count>0"
      value_type  = "INT64"
      unit        = "1"
      labels      = {}
    }
    # Stripe refused to take back a released share: what the builder (or host) owes is recorded.
    debts = {
      description = "Debts recorded when Stripe refused to reverse a released transfer, by part."
      filter      = "jsonPayload.event=\"debt.recorded\""
      value_type  = "INT64"
      unit        = "1"
      labels      = { part = "EXTRACT(jsonPayload.part)" }
    }
  }
}

resource "google_logging_metric" "metric" {
  for_each = local.log_metrics

  name        = "c500/${each.key}"
  description = each.value.description
  filter      = each.value.filter

  metric_descriptor {
    metric_kind  = "DELTA"
    value_type   = each.value.value_type
    unit         = each.value.unit
    display_name = "C500 ${replace(each.key, "_", " ")}"

    dynamic "labels" {
      for_each = each.value.labels
      content {
        key        = labels.key
        value_type = "STRING"
      }
    }
  }

  value_extractor  = try(each.value.value, null)
  label_extractors = each.value.labels

  dynamic "bucket_options" {
    for_each = each.value.value_type == "DISTRIBUTION" ? [each.value.bounds] : []
    content {
      explicit_buckets {
        bounds = bucket_options.value
      }
    }
  }

  depends_on = [google_project_service.apis]
}
