# One Cloud Monitoring dashboard for a show: the four golden signals of every function
# (traffic, errors, latency, saturation), the functions a show's peak leans on against the
# capacity model's limits (docs/capacity.md: their max_instances and concurrency, read from
# local.functions so the lines move with the model), Pub/Sub's backlog and oldest unacked
# message per subscription, the log-based metrics of metrics.tf, what is left of each SLO's
# error budget, and the interaction SLOs' answer codes. Every function is a Cloud Run service (gen2), named as local.deployed_names.
locals {
  # The functions docs/capacity.md sizes: the ones with a max_instances of their own.
  sized_functions = { for name, fn in local.functions : name => fn if can(fn.max_instances) }

  run_filter = "resource.type=\"cloud_run_revision\""

  chart = {
    for name, spec in {
      traffic = {
        title  = "Traffic: requests/s per function"
        filter = "metric.type=\"run.googleapis.com/request_count\" ${local.run_filter}"
        align  = "ALIGN_RATE"
        reduce = "REDUCE_SUM"
      }
      errors = {
        title  = "Errors: non-2xx answers/s per function, of requests reaching a revision (4xx included; Cloud Run's 429s at max instances are not: see the refusals chart)"
        filter = "metric.type=\"run.googleapis.com/request_count\" ${local.run_filter} metric.label.response_code_class!=\"2xx\""
        align  = "ALIGN_RATE"
        reduce = "REDUCE_SUM"
      }
      latency = {
        title  = "Latency: 95th percentile per function (ms), from reaching the revision (a cold start's wait for an instance is not in it)"
        filter = "metric.type=\"run.googleapis.com/request_latencies\" ${local.run_filter}"
        align  = "ALIGN_DELTA"
        reduce = "REDUCE_PERCENTILE_95"
      }
      instances = {
        title  = "Saturation: instances per function"
        filter = "metric.type=\"run.googleapis.com/container/instance_count\" ${local.run_filter}"
        align  = "ALIGN_MAX"
        reduce = "REDUCE_SUM"
      }
      } : name => {
      title = spec.title
      xyChart = {
        dataSets = [{
          plotType = "LINE"
          timeSeriesQuery = {
            timeSeriesFilter = {
              filter      = spec.filter
              aggregation = { alignmentPeriod = "60s", perSeriesAligner = spec.align, crossSeriesReducer = spec.reduce, groupByFields = ["resource.label.service_name"] }
            }
          }
        }]
      }
    }
  }

  # Per sized function: its instances against max_instances, and the busiest instance's
  # requests at once against its concurrency.
  saturation_charts = flatten([
    for name, fn in local.sized_functions : [
      {
        title = "${name}: instances (capacity model's max_instances ${fn.max_instances})"
        xyChart = {
          dataSets = [{
            plotType = "LINE"
            timeSeriesQuery = {
              timeSeriesFilter = {
                filter      = "metric.type=\"run.googleapis.com/container/instance_count\" ${local.run_filter} resource.label.service_name=\"${local.deployed_names[name]}\""
                aggregation = { alignmentPeriod = "60s", perSeriesAligner = "ALIGN_MAX", crossSeriesReducer = "REDUCE_SUM" }
              }
            }
          }]
          thresholds = [{ value = fn.max_instances, label = "max_instances" }]
        }
      },
      {
        title = "${name}: requests at once in an instance (concurrency ${try(fn.concurrency, local.http_concurrency)})"
        xyChart = {
          dataSets = [{
            plotType = "LINE"
            timeSeriesQuery = {
              timeSeriesFilter = {
                filter      = "metric.type=\"run.googleapis.com/container/max_request_concurrencies\" ${local.run_filter} resource.label.service_name=\"${local.deployed_names[name]}\""
                aggregation = { alignmentPeriod = "60s", perSeriesAligner = "ALIGN_DELTA", crossSeriesReducer = "REDUCE_PERCENTILE_99" }
              }
            }
          }]
          thresholds = [{ value = try(fn.concurrency, local.http_concurrency), label = "concurrency" }]
        }
      },
    ]
  ])

  pubsub_charts = [
    for metric, title in {
      num_undelivered_messages   = "Pub/Sub backlog: undelivered messages per subscription"
      oldest_unacked_message_age = "Pub/Sub: oldest unacked message per subscription (s)"
      dead_letter_message_count  = "Pub/Sub: messages dead-lettered per subscription"
      } : {
      title = title
      xyChart = {
        dataSets = [{
          plotType = "LINE"
          timeSeriesQuery = {
            timeSeriesFilter = {
              filter      = "metric.type=\"pubsub.googleapis.com/subscription/${metric}\" resource.type=\"pubsub_subscription\""
              aggregation = { alignmentPeriod = "60s", perSeriesAligner = metric == "dead_letter_message_count" ? "ALIGN_DELTA" : "ALIGN_MAX", crossSeriesReducer = "REDUCE_SUM", groupByFields = ["resource.label.subscription_id"] }
            }
          }
        }]
      }
    }
  ]

  # The log-based counters, each by its first label.
  log_metric_charts = [
    for name, metric in local.log_metrics : {
      title = "${metric.description} (per minute)"
      xyChart = {
        dataSets = [{
          plotType = "STACKED_BAR"
          timeSeriesQuery = {
            timeSeriesFilter = {
              filter      = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.metric[name].name}\" ${local.run_filter}"
              aggregation = { alignmentPeriod = "60s", perSeriesAligner = "ALIGN_DELTA", crossSeriesReducer = "REDUCE_SUM", groupByFields = [for label in keys(metric.labels) : "metric.label.${label}"] }
            }
          }
        }]
      }
    } if metric.value_type == "INT64"
  ]

  # The interaction SLOs' own counts: each answer code of discord-interactions of the requests that
  # reached a revision, ours (200, 400, 401, 500) beside Cloud Run's (503 a crashed instance, 504 a
  # timeout). A 429 refused at max_instances never reaches a revision, so it is not here: it is in
  # ceiling_refusals_chart, from Cloud Run's request log (ceiling-refusals.tf).
  interaction_codes_chart = {
    title = "discord-interactions: requests/s by response code (Cloud Run's request_count: requests reaching a revision, so no 429 at max instances)"
    xyChart = {
      dataSets = [{
        plotType = "STACKED_BAR"
        timeSeriesQuery = {
          timeSeriesFilter = {
            filter      = "metric.type=\"run.googleapis.com/request_count\" ${local.run_filter} resource.label.service_name=\"${local.deployed_names["discordInteractions"]}\""
            aggregation = { alignmentPeriod = "60s", perSeriesAligner = "ALIGN_RATE", crossSeriesReducer = "REDUCE_SUM", groupByFields = ["metric.label.response_code"] }
          }
        }
      }]
    }
  }

  ceiling_refusals_chart = {
    title = "Refused by Cloud Run at max instances (429s/s per service, from its request log; in no SLO's count)"
    xyChart = {
      dataSets = [{
        plotType = "STACKED_BAR"
        timeSeriesQuery = {
          timeSeriesFilter = {
            filter      = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.instance_ceiling_refusals.name}\" ${local.run_filter}"
            aggregation = { alignmentPeriod = "60s", perSeriesAligner = "ALIGN_RATE", crossSeriesReducer = "REDUCE_SUM", groupByFields = ["metric.label.service"] }
          }
        }
      }]
    }
  }

  budget_scorecards = [
    for name, slo in local.slos : {
      title = "Error budget left: ${slo.display_name} (goal ${slo.goal * 100} %)"
      scorecard = {
        timeSeriesQuery = { timeSeriesFilter = { filter = "select_slo_budget_fraction(\"${local.slo_ids[name]}\")" } }
        thresholds      = [{ value = 0.25, color = "YELLOW", direction = "BELOW" }, { value = 0.1, color = "RED", direction = "BELOW" }]
      }
    }
  ]

  dashboard_widgets = concat(
    local.budget_scorecards,
    [local.chart.traffic, local.chart.errors, local.chart.latency, local.chart.instances, local.interaction_codes_chart, local.ceiling_refusals_chart],
    local.saturation_charts,
    local.pubsub_charts,
    local.log_metric_charts,
  )
}

resource "google_monitoring_dashboard" "show" {
  dashboard_json = jsonencode({
    displayName = "C500: a show"
    mosaicLayout = {
      columns = 48
      tiles   = [for i, widget in local.dashboard_widgets : { xPos = (i % 2) * 24, yPos = floor(i / 2) * 16, width = 24, height = 16, widget = widget }]
    }
  })

  depends_on = [google_project_service.apis]
}
