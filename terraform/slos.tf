# The promises the product keeps to the people in a show, as Cloud Monitoring SLOs over the
# log-based metrics of metrics.tf. Each is request-based (good events over all events) over a
# rolling 28 days: four whole weeks, so every weekday's shows weigh the same. alerts.tf pages
# and opens tickets on their burn rates; the dashboard shows what is left of each budget.
# `npm run soak` and `npm run bench:auction` print the same ratios from their own logs.
resource "google_monitoring_custom_service" "c500" {
  service_id   = "c500"
  display_name = "C500 Collective"

  depends_on = [google_project_service.apis]
}

locals {
  slos = {
    # Discord shows "This interaction failed" after 3 s, and a bid pressed in the last seconds
    # of a lot cannot be pressed again in time. 99.5 %: one person in 200 may see it at a show's
    # peak (the capacity model sizes the ingress for 2,667 requests/s at 20 ms each), and no
    # more; a tighter goal would page on a single cold start in a quiet week.
    interactions = {
      display_name = "Interactions answered inside 3 s"
      goal         = 0.995
      metric       = "interaction_answer_ms"
      max          = 3000
      runbook      = "slo-interactions-answered-inside-3-s"
    }
    # Stripe, Twitch, Ko-fi and Shopify retry a non-2xx answer (Stripe for 3 days), so one failed
    # answer loses nothing; many in a row delay payments and chat bids, and Stripe disables an
    # endpoint that keeps failing. 99 %: retries absorb the rest. A forged request (answered 401)
    # counts against it too: the webhook_refusals metric tells those apart.
    webhooks = {
      display_name = "Webhooks answered 2xx"
      goal         = 0.99
      good_metric  = "webhook_answers_2xx"
      total_metric = "webhook_answers"
      runbook      = "slo-webhooks-answered-2xx"
    }
    # A builder is paid when their proof is accepted; ten minutes covers Stripe's slow answers and
    # a redelivery or two (Pub/Sub backs off 10 s to 600 s). 99 %: the rest are Stripe's refusals
    # and outages, which the builder is told about and the runbook handles.
    releases = {
      display_name = "A proof's release sent within 10 minutes"
      goal         = 0.99
      metric       = "release_delay_ms"
      max          = 600000
      runbook      = "slo-releases-sent-within-10-minutes"
    }
    # A buyer who paid wants to see it took: a minute allows Discord's rate limits and a
    # redelivery. 99 %: a closed DM still counts (the receipt goes to the channel instead).
    receipts = {
      display_name = "A paid order's receipt DM within 1 minute"
      goal         = 0.99
      metric       = "receipt_delay_ms"
      max          = 60000
      runbook      = "slo-receipts-within-1-minute"
    }
  }
}

# The SLOs on a distribution: an event is good when its value falls at or under `max`.
resource "google_monitoring_slo" "latency" {
  for_each = { for name, slo in local.slos : name => slo if can(slo.metric) }

  service             = google_monitoring_custom_service.c500.service_id
  slo_id              = "c500-${each.key}"
  display_name        = each.value.display_name
  goal                = each.value.goal
  rolling_period_days = 28

  request_based_sli {
    distribution_cut {
      distribution_filter = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.metric[each.value.metric].name}\" resource.type=\"cloud_run_revision\""

      range {
        min = 0
        max = each.value.max
      }
    }
  }
}

# The SLOs on two counters: good events over all of them.
resource "google_monitoring_slo" "ratio" {
  for_each = { for name, slo in local.slos : name => slo if can(slo.good_metric) }

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

locals {
  # Every SLO's full name, whichever resource made it: what select_slo_burn_rate takes.
  slo_ids = merge(
    { for name, slo in google_monitoring_slo.latency : name => slo.id },
    { for name, slo in google_monitoring_slo.ratio : name => slo.id },
  )
}
