# The promises the product keeps to the people in a show, as Cloud Monitoring SLOs. Each is
# request-based (good events over all events) over a rolling 28 days: four whole weeks, so every
# weekday's shows weigh the same. alerts.tf pages and opens tickets on their burn rates; the
# dashboard shows what is left of each budget. Every SLO counts a failure as bad: its total is
# what was asked (a request Cloud Run received, a bid, a receipt or a release owed), never only
# what succeeded, so an outage that writes no line of ours still spends the budget.
#
# Two kinds of source:
#   - Cloud Run's own request metrics of a function's service (`run_function`): request_count,
#     "number of requests reaching the revision", and request_latencies, "distribution of request
#     latency in milliseconds reaching the revision" (Google's metric list). What reaches the
#     revision: a crash (503) or the request timeout (504) is in them. A request Cloud Run refused
#     at max_instances (429: it never reached a revision) is not, nor is a cold start's wait for
#     an instance before the request reaches it. The 429s are counted from Cloud Run's request
#     log by c500/instance_ceiling_refusals (ceiling-refusals.tf), which pages on its own; a cold
#     start shows in run.googleapis.com/container/startup_latencies, not in these SLOs.
#     `counted` says which requests count at all, `good` which of them are good; a latency SLO's
#     good ones are at or under `max` ms.
#   - The log-based metrics of metrics.tf (`good_metric` over `total_metric`).
#
# `npm run soak` and `npm run bench:auction` print the same ratios from their own logs
# (scripts/slo/terraform-slos.ts reads this file). With no Cloud Run there, each `http.answered`
# line stands in for the request Cloud Run would have counted (its status, its ms), and a request
# the client sent that got no answer line counts as a 504: see scripts/slo/run-requests.ts.
resource "google_monitoring_custom_service" "c500" {
  service_id   = "c500"
  display_name = "C500 Collective"

  depends_on = [google_project_service.apis]
}

locals {
  # The SLOs written out one by one; the signed ingresses' are made from signature_slo below.
  slo_goals = {
    # Discord shows "This interaction failed" when the answer is not a 2xx within 3 s, and a bid
    # pressed in the last seconds of a lot cannot be pressed again in time. Cloud Run's count, not
    # our `http.answered` lines: a crash or a timeout writes no line of ours. A 429 refused at
    # max_instances never reaches the revision, so it is not in request_count nor here: it pages
    # through c500/instance_ceiling_refusals (see the header).
    # A 401 is not counted at all: the ingress answers it to a request whose signature is not
    # Discord's (a forgery, or Discord's own routine check that the endpoint refuses bad
    # signatures). No person's interaction failed there; counting it bad would let anyone on the
    # internet spend the budget and page us, and counting it good (as before) hid nothing but
    # inflated the ratio. A wrong DISCORD_PUBLIC_KEY turns every interaction into a 401: that is
    # the discord_signatures SLO below (fresh, well-formed signatures refused), not this one.
    # 99.5 %: one person in 200 may see it at a show's peak, and no more; a tighter goal would page
    # on a single cold start in a quiet week.
    interactions = {
      display_name = "Interactions answered 2xx"
      goal         = 0.995
      run_function = "discordInteractions"
      run_metric   = "request_count"
      counted      = "metric.labels.response_code!=\"401\""
      good         = "metric.labels.response_code_class=\"2xx\""
      runbook      = "slo-interactions-answered-2xx"
    }
    # The same interactions' time, on Cloud Run's clock from the moment the request reached the
    # revision (request_latencies: a cold start's wait for an instance before that is not in it;
    # run.googleapis.com/container/startup_latencies shows it), over those answered 2xx: the ones
    # that failed are already bad above, so together an interaction is good only when it reached
    # an instance and was answered 2xx inside 3 s. 99.5 % for the same reason.
    interaction_latency = {
      display_name = "Interactions answered 2xx inside 3 s"
      goal         = 0.995
      run_function = "discordInteractions"
      run_metric   = "request_latencies"
      counted      = "metric.labels.response_code_class=\"2xx\""
      max          = 3000
      runbook      = "slo-interactions-answered-inside-3-s"
    }
    # Stripe, Twitch, Ko-fi and Shopify retry a non-2xx answer (Stripe for 3 days), so one failed
    # answer loses nothing; many in a row delay payments and chat bids, and Stripe disables an
    # endpoint that keeps failing. 99 %: retries absorb the rest. A refused signature (401) is not
    # counted: a stranger's unsigned POSTs are noise, and a real sender's refused signatures are
    # the signature SLOs below, per source.
    webhooks = {
      display_name = "Webhooks answered 2xx"
      goal         = 0.99
      good_metric  = "webhook_answers_2xx"
      total_metric = "webhook_answers"
      runbook      = "slo-webhooks-answered-2xx"
    }
    # A bid the book could not decide (Redis down or slow: `book-unavailable`) is lost at the moment
    # it mattered: the bidder is told to try again, and the lot may close first. A refusal by the
    # book's rules (too low, too late) is the book working, so good. 99.9 %: the book is one Redis
    # that answers in milliseconds; one bid in a thousand covers a brief blip of Upstash's a month,
    # and a show's peak (thousands of bids a minute) spends it within minutes of a real outage.
    bids = {
      display_name = "Bids decided by the auction book"
      goal         = 0.999
      good_metric  = "bids_book_answered"
      total_metric = "bids_decided"
      runbook      = "slo-bids-decided-by-the-book"
    }
    # A builder is paid when their proof is accepted; ten minutes covers Stripe's slow answers and
    # a redelivery or two (Pub/Sub backs off 10 s to 600 s). Counted over releases owed, so one
    # Stripe refused (the builder must act) or one that never went out is bad. 99 %: the rest are
    # builders who have not finished Stripe's onboarding, told why at once, and the runbook.
    releases = {
      display_name = "A proof's release sent within 10 minutes"
      goal         = 0.99
      good_metric  = "releases_in_time"
      total_metric = "releases_owed"
      runbook      = "slo-releases-sent-within-10-minutes"
    }
    # A buyer who paid wants to see it took: a minute from Stripe's payment event allows Stripe's
    # own delivery, Discord's rate limits and a redelivery. Counted over receipts owed, so one
    # Discord kept refusing, or that never went, is bad. 99 %: a closed DM still counts as told
    # (the receipt goes to the channel instead).
    receipts = {
      display_name = "A paid order's receipt told within 1 minute"
      goal         = 0.99
      good_metric  = "receipts_in_time"
      total_metric = "receipts_owed"
      runbook      = "slo-receipts-within-1-minute"
    }
  }

  # A fresh, well-formed signature from a real sender that we refuse is an outage, not noise: a
  # wrong DISCORD_PUBLIC_KEY refuses every interaction with 401, which the interactions SLO leaves
  # out (it cannot tell Discord from a stranger by status), and a wrong Stripe, Twitch, Ko-fi,
  # Shopify or carrier secret refuses every delivery, which the webhooks SLO leaves out (401) and
  # which Twitch chat's volume would dilute in any shared ratio. So each signed ingress
  # (local.functions' signed_by) has an SLO of its own, all made from this one: its function's
  # share of signatures_accepted over signatures_fresh (metrics.tf). 99.9 %, as one refusal in a
  # thousand is already a clock or a rotation gone wrong; a wrong key or secret is 0 %, a burn of
  # 1,000×. Thirty unsigned POSTs from a stranger count nowhere. A stranger who forges
  # well-formed fresh headers is counted too (docs/operations/runbook.md says how to tell).
  signature_slo = {
    goal         = 0.999
    good_metric  = "signatures_accepted"
    total_metric = "signatures_fresh"
    runbook      = "slo-signatures-accepted"
  }
  signature_slos = {
    for name, fn in local.functions : "${fn.signed_by}_signatures" => merge(local.signature_slo, {
      display_name = "Signatures accepted by ${local.deployed_names[name]}"
      function     = name
    }) if can(fn.signed_by)
  }

  # Every SLO, whichever way it was made: what the burn-rate alerts and the dashboard walk.
  slos = merge(local.slo_goals, local.signature_slos)

  # What a Cloud Run SLO counts: its metric, for its function's service, filtered by `counted`.
  # scripts/slo/run-requests.ts builds the same filter for the stand-in (a test holds the two equal).
  run_slo_filters = {
    for name, slo in local.slo_goals : name => "metric.type=\"run.googleapis.com/${slo.run_metric}\" resource.type=\"cloud_run_revision\" resource.labels.service_name=\"${local.deployed_names[slo.run_function]}\" ${slo.counted}"
    if can(slo.run_function)
  }
}

# Cloud Run's requests of a service: good (a 2xx) over counted.
resource "google_monitoring_slo" "requests" {
  for_each = { for name, slo in local.slo_goals : name => slo if can(slo.run_function) && can(slo.good) }

  service             = google_monitoring_custom_service.c500.service_id
  slo_id              = "c500-${replace(each.key, "_", "-")}"
  display_name        = each.value.display_name
  goal                = each.value.goal
  rolling_period_days = 28

  request_based_sli {
    good_total_ratio {
      good_service_filter  = "${local.run_slo_filters[each.key]} ${each.value.good}"
      total_service_filter = local.run_slo_filters[each.key]
    }
  }
}

# Cloud Run's request latencies of a service: a request is good when at or under `max` ms.
resource "google_monitoring_slo" "request_latency" {
  for_each = { for name, slo in local.slo_goals : name => slo if can(slo.run_function) && can(slo.max) }

  service             = google_monitoring_custom_service.c500.service_id
  slo_id              = "c500-${replace(each.key, "_", "-")}"
  display_name        = each.value.display_name
  goal                = each.value.goal
  rolling_period_days = 28

  request_based_sli {
    distribution_cut {
      distribution_filter = local.run_slo_filters[each.key]

      range {
        min = 0
        max = each.value.max
      }
    }
  }
}

# The SLOs on two log-based counters: good events over all of them.
resource "google_monitoring_slo" "ratio" {
  for_each = { for name, slo in local.slo_goals : name => slo if can(slo.good_metric) }

  service             = google_monitoring_custom_service.c500.service_id
  slo_id              = "c500-${each.key}"
  display_name        = each.value.display_name
  goal                = each.value.goal
  rolling_period_days = 28

  request_based_sli {
    good_total_ratio {
      good_service_filter  = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.metric[each.value.good_metric].name}\" resource.type=\"cloud_run_revision\""
      total_service_filter = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.metric[each.value.total_metric].name}\" resource.type=\"cloud_run_revision\""
    }
  }
}

# A signed ingress's signatures: its function's share of the two signature counters (one series
# each per function, by their `function` label).
resource "google_monitoring_slo" "signatures" {
  for_each = local.signature_slos

  service             = google_monitoring_custom_service.c500.service_id
  slo_id              = "c500-${each.key}"
  display_name        = each.value.display_name
  goal                = each.value.goal
  rolling_period_days = 28

  request_based_sli {
    good_total_ratio {
      good_service_filter  = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.metric[each.value.good_metric].name}\" resource.type=\"cloud_run_revision\" metric.labels.function=\"${each.value.function}\""
      total_service_filter = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.metric[each.value.total_metric].name}\" resource.type=\"cloud_run_revision\" metric.labels.function=\"${each.value.function}\""
    }
  }
}

locals {
  # Every SLO's full name, whichever resource made it: what select_slo_burn_rate takes.
  slo_ids = merge(
    { for name, slo in google_monitoring_slo.requests : name => slo.id },
    { for name, slo in google_monitoring_slo.request_latency : name => slo.id },
    { for name, slo in google_monitoring_slo.ratio : name => slo.id },
    { for name, slo in google_monitoring_slo.signatures : name => slo.id },
  )
}
