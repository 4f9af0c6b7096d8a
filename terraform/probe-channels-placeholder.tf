# PLACEHOLDER for h-probe's branch only: h-alerts defines local.page_channels (and
# local.ticket_channels) in terraform/notifications.tf. Delete this file when merging.
locals {
  page_channels = []
}
