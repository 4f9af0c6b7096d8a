# What an operator watches, counted from the log lines the product writes (shared/log/index.ts: one
# JSON line each, `message` and an `event` field naming what happened). Each filter is run over
# a soak's log by test/unit/terraform-log-metrics.test.ts, which fails when a metric would count
# nothing or the wrong lines; `npm run soak` and `npm run bench:auction` compute the SLOs from
# these same filters (scripts/slo; slos.tf's SLOs on Cloud Run's own request metrics are computed
# there from the `http.answered` lines, which stand in for them). The filters use only what
# scripts/slo/logging-filter.ts evaluates: comparisons, AND, OR, NOT and parentheses (never AND and OR mixed unbracketed:
# Cloud Logging binds OR first). shared/log/index.ts writes `WARN`, which is no LogSeverity, so no
# filter reads severity for a warning: each reads the line's `event`.
locals {
  log_metrics = {
    # Every interaction's time inside the ingress and its status (shared/triggers/http-trigger.ts
    # `http.answered`). No SLO reads it: the interaction SLOs count Cloud Run's own requests (slos.tf),
    # which see what never reached our code. It stays for the diagnosis: our clock against Cloud Run's
    # tells a slow publish (both slow) from a cold start or a queue at max_instances (only Cloud Run's).
    interaction_answer_ms = {
      description = "Time the Discord ingress took to answer an interaction, in milliseconds, by status (its own clock: no cold start)."
      filter      = "jsonPayload.event=\"http.answered\" AND jsonPayload.function=\"discordInteractions\""
      value_type  = "DISTRIBUTION"
      unit        = "ms"
      value       = "EXTRACT(jsonPayload.ms)"
      bounds      = [25, 50, 100, 250, 500, 1000, 2000, 3000, 5000, 10000]
      labels      = { status = "EXTRACT(jsonPayload.status)" }
    }
    # Every answer of the outside webhooks (Stripe, Twitch, Ko-fi, Shopify) but a refused signature
    # (401), and those 2xx: a sender retries anything else, and Stripe disables an endpoint that
    # keeps failing. A 401 is left out: thirty unsigned POSTs from a stranger in a quiet hour would
    # otherwise page; a real sender's refused signatures have SLIs of their own (below).
    webhook_answers = {
      description = "Answers of the Stripe, Twitch, Ko-fi and Shopify webhooks."
      filter      = "jsonPayload.event=\"http.answered\" AND jsonPayload.function=~\"^(stripeWebhook|twitchWebhook|kofiWebhook|shopifyWebhook)$\" AND jsonPayload.status!=401"
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
    # The bids the book answered, accepted or refused by its rules: the bid SLO's good events, of
    # bids_decided. `book-unavailable` is the one reason the book did not decide (Redis down or slow:
    # shared/auctions/use-cases/place-bid.ts, shared/chatbids/use-cases/place-chat-bid.ts).
    bids_book_answered = {
      description = "Bids the auction book decided (accepted or refused by its rules), all but book-unavailable."
      filter      = "jsonPayload.event=\"bid.decided\" AND jsonPayload.repeat=false AND jsonPayload.reason!=\"book-unavailable\""
      value_type  = "INT64"
      unit        = "1"
      labels      = { outcome = "EXTRACT(jsonPayload.outcome)" }
    }
    # Requests to a signed ingress (local.functions' signed_by: Discord, Stripe, Twitch, Ko-fi,
    # Shopify, the carrier) that carried a fresh, well-formed signature (the `signature` field of
    # `http.answered`, which only the signed ingresses write: shared/common/rules/signature-shape.ts),
    # and those not refused for it (anything but 401), by function. That is what the real sender
    # sends; when the key or the secret we hold is wrong, every one of them is refused, so each
    # signed ingress has its own SLO (slos.tf, one per function from this one pair of metrics), and
    # a show's chat volume on one webhook cannot dilute another's. A request with no signature, a
    # garbled or a stale one is a stranger's: counted by webhook_refusals only.
    signatures_fresh = {
      description = "Requests to a signed ingress with a fresh, well-formed signature, by function."
      filter      = "jsonPayload.event=\"http.answered\" AND jsonPayload.signature=\"fresh\""
      value_type  = "INT64"
      unit        = "1"
      labels      = { function = "EXTRACT(jsonPayload.function)" }
    }
    signatures_accepted = {
      description = "Requests to a signed ingress with a fresh, well-formed signature that it accepted (answered anything but 401), by function."
      filter      = "jsonPayload.event=\"http.answered\" AND jsonPayload.signature=\"fresh\" AND jsonPayload.status!=401"
      value_type  = "INT64"
      unit        = "1"
      labels      = { function = "EXTRACT(jsonPayload.function)" }
    }
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
    # An interaction whose work Pub/Sub refused or timed out on (shared/router/answer-interaction.ts):
    # the person was answered 200 with words, so Cloud Run's request_count (the interaction SLOs)
    # counts it good; this counts it, and ops-alerts.tf pages on it.
    interactions_not_taken = {
      description = "Discord interactions answered in words because their work could not be published, by job."
      filter      = "jsonPayload.event=\"interaction.not-taken\""
      value_type  = "INT64"
      unit        = "1"
      labels      = { job = "EXTRACT(jsonPayload.job)" }
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
    # The release SLO: releases owed (one an order and attempt, neither held by a dispute or a refund nor
    # waiting on a revoked account or the delivery gate, logged once by the first call that finds it owed:
    # the proof, or the gate's opening after it; shared/live/use-cases/prove-order.ts)
    # and those sent within 10 minutes of being owed (`release.sent`, logged once an order: two calls racing to one
    # transfer, a Received and a carrier's scan, count it once). One Stripe refused, or that never went out (a
    # crash, a dead letter), is owed and not sent in time: bad. A refusal's own line is `releases` above.
    releases_owed = {
      description = "Releases of a builder's share owed, at a proof or at the delivery gate's opening (held ones left out)."
      filter      = "jsonPayload.event=\"release.owed\""
      value_type  = "INT64"
      unit        = "1"
      labels      = {}
    }
    releases_in_time = {
      description = "Releases sent within 10 minutes of being owed (releases that waited out a dispute left out)."
      filter      = "jsonPayload.event=\"release.sent\" AND jsonPayload.waited=false AND jsonPayload.ms<=600000"
      value_type  = "INT64"
      unit        = "1"
      labels      = {}
    }
    # The receipt SLO: receipts owed (one a payment, logged once by the delivery that marked it paid:
    # shared/payments/use-cases/apply-payment.ts) and those told within a minute of the moment Stripe
    # made the payment's event (its `created`, before our own Stripe call and any queue). A receipt
    # Discord kept refusing, or that never went, is owed and not told in time: bad. Each refused
    # attempt is `dms_failed`.
    receipts_owed = {
      description = "Receipts owed to buyers: one per payment of an order or a show checkout."
      filter      = "jsonPayload.event=\"receipt.owed\""
      value_type  = "INT64"
      unit        = "1"
      labels      = { bundled = "EXTRACT(jsonPayload.bundled)" }
    }
    receipts_in_time = {
      description = "Receipts told (DM, or a channel mention when DMs are closed) within 1 minute of Stripe's payment event."
      filter      = "jsonPayload.event=\"dm.told\" AND jsonPayload.fact=~\"^(show-)?receipt$\" AND jsonPayload.ms<=60000"
      value_type  = "INT64"
      unit        = "1"
      labels      = { outcome = "EXTRACT(jsonPayload.outcome)" }
    }
    # A DM (a receipt, a win, a refund...) Discord did not take this time (429, 5xx, a timeout): the
    # event comes back and tries again, so one fact may fail several times before it is told.
    dms_failed = {
      description = "DMs Discord did not take on one attempt (retried with the event), by fact."
      filter      = "jsonPayload.event=\"dm.failed\""
      value_type  = "INT64"
      unit        = "1"
      labels      = { fact = "EXTRACT(jsonPayload.fact)" }
    }
    # A DM whose try was cut off mid-send (its instance stopped) and whose retry came after Discord
    # forgot the nonce: sent again when it must arrive (a pay link, an offer: dm.resent, maybe a
    # repeat), else taken as told (dm.unsure, maybe never made). Either way someone may have been
    # told twice or not at all: runbook, "DMs unsure".
    dms_unsure = {
      description = "DMs whose cut-off try Discord may or may not have made, by fact and what was done (resent or not)."
      filter      = "jsonPayload.event=\"dm.unsure\" OR jsonPayload.event=\"dm.resent\""
      value_type  = "INT64"
      unit        = "1"
      labels      = { fact = "EXTRACT(jsonPayload.fact)", event = "EXTRACT(jsonPayload.event)" }
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
    # Every ERROR line (shared/log/index.ts log.error), counted per Cloud Run service through the
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
    # Each instance's tally of Upstash commands over its window (h-signals' `redis.commands`), by
    # the book's database (its index in the list, 0 the first; never its URL): summed over time per
    # database, that database's commands per second (ops-alerts.tf redis_commands).
    redis_commands = {
      description = "Upstash commands an instance ran on one database of the book in its tally window (commands, over windowSeconds), by the database's index."
      filter      = "jsonPayload.event=\"redis.commands\""
      value_type  = "DISTRIBUTION"
      unit        = "1"
      value       = "EXTRACT(jsonPayload.commands)"
      bounds      = [10, 100, 1000, 10000, 100000, 1000000]
      labels      = { database = "EXTRACT(jsonPayload.database)" }
    }
    # The live-show sweep's heartbeat (h-signals' `shows.live`) when a show is live: with no
    # interaction beside it for 15 minutes, ops-alerts.tf silent_show pages.
    # Every run of the auction sweep, the hammer's backup: it writes one shows.live line first,
    # whatever it meets after (shared/shows count-live-shows.ts). No line for 15 minutes means
    # the sweep stopped (its Cloud Scheduler job, its function), and a lost hammer stays lost.
    sweep_runs = {
      description = "Runs of the auction sweep (each writes one shows.live heartbeat, a show live or not)."
      filter      = "jsonPayload.event=\"shows.live\""
      value_type  = "INT64"
      unit        = "1"
      labels      = {}
    }
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
