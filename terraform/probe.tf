# The synthetic probe (docs/operations/probe.md): syntheticProbe runs every five minutes (its
# Cloud Scheduler job is made from locals.tf like every scheduled function's) and writes one
# `probe.checked` line per check (`check` ping, bid or key, `outcome` ok or failed, `reason`).
# Two pages: a check that failed, and no check at all for 15 minutes (the scheduler, the
# probe's function or its logs are down, which a failed-check alert would never see).

# Every probe.checked line, by check and outcome: what the silence condition counts.
resource "google_logging_metric" "probe_checks" {
  name        = "c500/probe_checks"
  description = "The synthetic probe's checks (probe.checked lines), by check and outcome."
  filter      = "jsonPayload.event=\"probe.checked\""

  metric_descriptor {
    metric_kind  = "DELTA"
    value_type   = "INT64"
    unit         = "1"
    display_name = "C500 probe checks"

    labels {
      key        = "check"
      value_type = "STRING"
    }
    labels {
      key        = "outcome"
      value_type = "STRING"
    }
  }

  label_extractors = {
    check   = "EXTRACT(jsonPayload.check)"
    outcome = "EXTRACT(jsonPayload.outcome)"
  }
}

# A check failed: the ingress did not answer the probe's PING, its bid was not decided on the
# book, or the Discord public key it holds is not the application's as Discord's API reports it
# (`key`: every interaction Discord sends is refused 401). Each check and reason is its own
# incident; one notice per five minutes at most.
resource "google_monitoring_alert_policy" "probe_failed" {
  display_name          = "C500: the synthetic probe failed a check"
  combiner              = "OR"
  severity              = "CRITICAL"
  notification_channels = local.page_channels

  conditions {
    display_name = "a probe.checked line with outcome failed"

    condition_matched_log {
      filter = "jsonPayload.event=\"probe.checked\" AND jsonPayload.outcome=\"failed\""
      label_extractors = {
        check  = "EXTRACT(jsonPayload.check)"
        reason = "EXTRACT(jsonPayload.reason)"
      }
    }
  }

  alert_strategy {
    notification_rate_limit {
      period = "300s"
    }
    auto_close = "1800s"
  }

  documentation {
    content   = "The synthetic probe's signed PING or dry-run bid failed against the Discord ingress, or the Discord public key the ingress holds is not the application's (check `key`): the check and its reason are in the incident's labels. Members' commands and bids are likely failing too. Runbook: docs/operations/runbook.md#synthetic-probe-failing"
    mime_type = "text/markdown"
  }

  depends_on = [google_project_service.apis]
}

# No probe.checked line for 15 minutes: three runs missed in a row.
resource "google_monitoring_alert_policy" "probe_silent" {
  count = var.deploy_functions ? 1 : 0

  display_name          = "C500: the synthetic probe has not reported for 15 minutes"
  combiner              = "OR"
  severity              = "CRITICAL"
  notification_channels = local.page_channels

  conditions {
    display_name = "no probe.checked line for 15 minutes"

    condition_absent {
      filter   = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.probe_checks.name}\" AND resource.type=\"cloud_run_revision\""
      duration = "900s"

      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_SUM"
        cross_series_reducer = "REDUCE_SUM"
      }
    }
  }

  documentation {
    content   = "The synthetic probe wrote no probe.checked line for 15 minutes: its Cloud Scheduler job, its function or its secret is broken, so nothing is watching the ingress the way Discord reaches it. Runbook: docs/operations/runbook.md#synthetic-probe-failing"
    mime_type = "text/markdown"
  }

  depends_on = [google_project_service.apis]
}
