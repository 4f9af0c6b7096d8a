# If the project already has a (default) database, import it instead of creating it:
#   terraform import google_firestore_database.default "projects/<project>/databases/(default)"
# deletion_policy stays at its default, ABANDON: `terraform destroy` never deletes the data.
resource "google_firestore_database" "default" {
  project     = var.project_id
  name        = "(default)"
  location_id = var.firestore_location
  type        = "FIRESTORE_NATIVE"

  depends_on = [google_project_service.apis]
}

# `/c500 profile`: a buyer's orders, newest first.
resource "google_firestore_index" "orders_by_buyer" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "orders"

  fields {
    field_path = "buyerId"
    order      = "ASCENDING"
  }

  fields {
    field_path = "createdAt"
    order      = "DESCENDING"
  }
}

# Whether a buyer has ever paid for an order: a bidder refused as new is looked up once,
# so buyers from before trust was recorded (or whose trust the book lost) are trusted.
resource "google_firestore_index" "orders_paid_by_buyer" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "orders"

  fields {
    field_path = "buyerId"
    order      = "ASCENDING"
  }

  fields {
    field_path = "paidAt"
    order      = "ASCENDING"
  }

  depends_on = [google_firestore_index.orders_by_buyer]
}

# A builder's orders, newest first (what they have sold and still owe proof of work on).
# Lookups by checkoutSessionId or paymentIntentId are single-field equality: Firestore's
# automatic indexes serve them.
resource "google_firestore_index" "orders_by_builder" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "orders"

  fields {
    field_path = "builderId"
    order      = "ASCENDING"
  }

  fields {
    field_path = "createdAt"
    order      = "DESCENDING"
  }

  # Index builds on one database started together can fail with 409 contention: one at a time.
  depends_on = [google_firestore_index.orders_paid_by_buyer]
}

# A sale finds the race window open in its guild when it was paid: the latest window opened
# at or before that moment.
resource "google_firestore_index" "race_windows_by_guild" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "raceLobbies"

  fields {
    field_path = "guildId"
    order      = "ASCENDING"
  }

  fields {
    field_path = "windowOpenedAt"
    order      = "DESCENDING"
  }

  depends_on = [google_firestore_index.orders_by_builder]
}

# The dashboard: a builder's orders in one state (status in ...), newest first, a page at a time.
resource "google_firestore_index" "orders_by_builder_and_status" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "orders"

  fields {
    field_path = "builderId"
    order      = "ASCENDING"
  }

  fields {
    field_path = "status"
    order      = "ASCENDING"
  }

  fields {
    field_path = "createdAt"
    order      = "DESCENDING"
  }

  depends_on = [google_firestore_index.race_windows_by_guild]
}

# The dashboard: the orders of a host's show lots, with their cuts, newest first.
resource "google_firestore_index" "orders_by_host" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "orders"

  fields {
    field_path = "hostId"
    order      = "ASCENDING"
  }

  fields {
    field_path = "createdAt"
    order      = "DESCENDING"
  }

  depends_on = [google_firestore_index.orders_by_builder_and_status]
}

# The dashboard: a guild's orders paid more than a week ago and still waiting for proof, oldest first.
resource "google_firestore_index" "orders_waiting_for_proof" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "orders"

  fields {
    field_path = "guildId"
    order      = "ASCENDING"
  }

  fields {
    field_path = "status"
    order      = "ASCENDING"
  }

  fields {
    field_path = "paidAt"
    order      = "ASCENDING"
  }

  depends_on = [google_firestore_index.orders_by_host]
}

# The dashboard: a guild's auction wins that lapsed unpaid (bidders' strikes), newest first.
resource "google_firestore_index" "orders_lapsed_by_guild" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "orders"

  fields {
    field_path = "guildId"
    order      = "ASCENDING"
  }

  fields {
    field_path = "source"
    order      = "ASCENDING"
  }

  fields {
    field_path = "status"
    order      = "ASCENDING"
  }

  fields {
    field_path = "expiredAt"
    order      = "DESCENDING"
  }

  depends_on = [google_firestore_index.orders_waiting_for_proof]
}

# The dashboard: a builder's auctions and show lots with their results, newest first.
resource "google_firestore_index" "auctions_by_builder" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "auctions"

  fields {
    field_path = "builderId"
    order      = "ASCENDING"
  }

  fields {
    field_path = "startedAt"
    order      = "DESCENDING"
  }

  depends_on = [google_firestore_index.orders_lapsed_by_guild]
}

# Chat bids: a show host's latest lot, so a !bid just after its hammer is told bidding has closed.
resource "google_firestore_index" "auctions_by_host" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "auctions"

  fields {
    field_path = "show.hostId"
    order      = "ASCENDING"
  }

  fields {
    field_path = "startedAt"
    order      = "DESCENDING"
  }

  depends_on = [google_firestore_index.auctions_by_builder]
}

# The dashboard: the shows a host ran, newest first.
resource "google_firestore_index" "shows_by_host" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "shows"

  fields {
    field_path = "hostId"
    order      = "ASCENDING"
  }

  fields {
    field_path = "createdAt"
    order      = "DESCENDING"
  }

  depends_on = [google_firestore_index.auctions_by_host]
}

# The dashboard: the cuts owed (or paid) by hand to a host, newest first.
resource "google_firestore_index" "host_payouts_by_host" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "hostPayouts"

  fields {
    field_path = "hostId"
    order      = "ASCENDING"
  }

  fields {
    field_path = "createdAt"
    order      = "DESCENDING"
  }

  depends_on = [google_firestore_index.shows_by_host]
}

# The dashboard: a guild's host cuts owed by hand, with the paid-by-hand action.
resource "google_firestore_index" "host_payouts_by_guild" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "hostPayouts"

  fields {
    field_path = "guildId"
    order      = "ASCENDING"
  }

  fields {
    field_path = "createdAt"
    order      = "DESCENDING"
  }

  depends_on = [google_firestore_index.host_payouts_by_host]
}

# The dashboard: a racer's ledger (their entries in the journal: commissions, reversals, payouts), newest first.
resource "google_firestore_index" "journal_by_person" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "journal"

  fields {
    field_path = "personId"
    order      = "ASCENDING"
  }

  fields {
    field_path = "at"
    order      = "DESCENDING"
  }

  depends_on = [google_firestore_index.host_payouts_by_guild]
}

# The dashboard: a racer's payouts, newest first.
resource "google_firestore_index" "payouts_by_racer" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "payouts"

  fields {
    field_path = "racerId"
    order      = "ASCENDING"
  }

  fields {
    field_path = "at"
    order      = "DESCENDING"
  }

  depends_on = [google_firestore_index.journal_by_person]
}

# The dashboard: a guild's race sales ledger, newest first.
resource "google_firestore_index" "sales_by_guild" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "sales"

  fields {
    field_path = "guildId"
    order      = "ASCENDING"
  }

  fields {
    field_path = "paidAt"
    order      = "DESCENDING"
  }

  depends_on = [google_firestore_index.payouts_by_racer]
}

# A race's fold (shared/races/use-cases/fold-race-sales.ts): its sales a second old, oldest
# first, a batch at a time.
resource "google_firestore_index" "unfolded_sales_by_lobby" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "unfoldedSales"

  fields {
    field_path = "lobbyId"
    order      = "ASCENDING"
  }

  fields {
    field_path = "recordedAt"
    order      = "ASCENDING"
  }

  depends_on = [google_firestore_index.sales_by_guild]
}

# The retention sweep (shared/chatbids/use-cases/sweep-idle-chatters.ts): channels whose chat
# bidding was turned off a year ago, oldest first, a page at a time.
resource "google_firestore_index" "chat_bidding_off_by_change" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "chatBidding"

  fields {
    field_path = "on"
    order      = "ASCENDING"
  }

  fields {
    field_path = "changedAt"
    order      = "ASCENDING"
  }

  depends_on = [google_firestore_index.unfolded_sales_by_lobby]
}

# The shops' webhook secrets (`/race connect`), in a database of their own: the public
# Ko-fi and Shopify ingresses may read this database and no other.
resource "google_firestore_database" "shop_secrets" {
  project     = var.project_id
  name        = "shop-secrets"
  location_id = var.firestore_location
  type        = "FIRESTORE_NATIVE"

  depends_on = [google_project_service.apis]
}

resource "google_project_iam_member" "shop_secret_readers" {
  for_each = toset(local.shop_secret_readers)

  project = var.project_id
  role    = "roles/datastore.viewer"
  member  = "serviceAccount:${google_service_account.function[each.key].email}"

  condition {
    title       = "shop-secrets database only"
    description = "Reads the shops' webhook secrets and nothing else in Firestore."
    expression  = "resource.name == \"projects/${var.project_id}/databases/${google_firestore_database.shop_secrets.name}\""
  }
}

resource "google_project_iam_member" "shop_secret_writers" {
  for_each = toset(local.shop_secret_writers)

  project = var.project_id
  role    = "roles/datastore.user"
  member  = "serviceAccount:${google_service_account.function[each.key].email}"

  condition {
    title       = "shop-secrets database only"
    description = "Writes the shops' webhook secrets, which live in their own database."
    expression  = "resource.name == \"projects/${var.project_id}/databases/${google_firestore_database.shop_secrets.name}\""
  }
}

# A group buy's milestone, proved once live, reaching its orders: the next batch of them by id,
# after the last one the batch before took.
resource "google_firestore_index" "orders_of_group_buy" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "orders"

  fields {
    field_path = "source"
    order      = "ASCENDING"
  }

  fields {
    field_path = "sourceId"
    order      = "ASCENDING"
  }

  fields {
    field_path = "orderId"
    order      = "ASCENDING"
  }

  depends_on = [google_firestore_index.chat_bidding_off_by_change]
}

# Redelivery records (processed/<key>) matter for as long as a party may redeliver: Stripe
# retries for 3 days, Pub/Sub keeps messages 7. Each record carries expiresAt (30 days on)
# and Firestore deletes it after that.
resource "google_firestore_field" "processed_expiry" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "processed"
  field      = "expiresAt"

  ttl_config {}

  # A field only read by the TTL sweep needs no index of its own.
  index_config {}

  depends_on = [google_firestore_index.orders_of_group_buy]
}

# A dashboard session (dashboardSessions/<id>) and a used sign-in state (dashboardSignIns/<id>)
# are found by id only; each carries expiresAt (hours at most) and Firestore deletes it after.
resource "google_firestore_field" "dashboard_session_expiry" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "dashboardSessions"
  field      = "expiresAt"

  ttl_config {}

  index_config {}

  depends_on = [google_firestore_field.processed_expiry]
}

resource "google_firestore_field" "dashboard_sign_in_expiry" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "dashboardSignIns"
  field      = "expiresAt"

  ttl_config {}

  index_config {}

  depends_on = [google_firestore_field.dashboard_session_expiry]
}

# A throttled message edit claims its second with a create of <last edit>/editSlots/<second>
# (shared/discord/use-cases/throttled-edit.ts); each claim carries expiresAt (an hour on).
resource "google_firestore_field" "edit_slot_expiry" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "editSlots"
  field      = "expiresAt"

  ttl_config {}

  index_config {}

  depends_on = [google_firestore_field.dashboard_sign_in_expiry]
}

# A member's export and erasure (shared/privacy/use-cases/find-member-data.ts) find their
# records in subcollections with one collection-group equality each; Firestore keeps a
# field's collection-group index only when asked. Naming a field's indexes replaces its
# automatic ones, so each keeps its collection-scope indexes too.
resource "google_firestore_field" "history_bidder_ids" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "history"
  field      = "bidderIds"

  index_config {
    indexes {
      order       = "ASCENDING"
      query_scope = "COLLECTION"
    }
    indexes {
      order       = "DESCENDING"
      query_scope = "COLLECTION"
    }
    indexes {
      array_config = "CONTAINS"
      query_scope  = "COLLECTION"
    }
    indexes {
      array_config = "CONTAINS"
      query_scope  = "COLLECTION_GROUP"
    }
  }

  depends_on = [google_firestore_field.edit_slot_expiry]
}

resource "google_firestore_field" "wallet_shard_racer" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "shards"
  field      = "racerId"

  index_config {
    indexes {
      order       = "ASCENDING"
      query_scope = "COLLECTION"
    }
    indexes {
      order       = "DESCENDING"
      query_scope = "COLLECTION"
    }
    indexes {
      order       = "ASCENDING"
      query_scope = "COLLECTION_GROUP"
    }
  }

  depends_on = [google_firestore_field.history_bidder_ids]
}

resource "google_firestore_field" "giveaway_entry_entrant" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "entries"
  field      = "entrantId"

  index_config {
    indexes {
      order       = "ASCENDING"
      query_scope = "COLLECTION"
    }
    indexes {
      order       = "DESCENDING"
      query_scope = "COLLECTION"
    }
    indexes {
      order       = "ASCENDING"
      query_scope = "COLLECTION_GROUP"
    }
  }

  depends_on = [google_firestore_field.wallet_shard_racer]
}

resource "google_firestore_field" "debt_entry_recorded_by" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "debtEntries"
  field      = "byUserId"

  index_config {
    indexes {
      order       = "ASCENDING"
      query_scope = "COLLECTION"
    }
    indexes {
      order       = "DESCENDING"
      query_scope = "COLLECTION"
    }
    indexes {
      order       = "ASCENDING"
      query_scope = "COLLECTION_GROUP"
    }
  }

  depends_on = [google_firestore_field.giveaway_entry_entrant]
}

resource "google_firestore_field" "group_buy_pledge_buyer" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "pledges"
  field      = "buyerId"

  index_config {
    indexes {
      order       = "ASCENDING"
      query_scope = "COLLECTION"
    }
    indexes {
      order       = "DESCENDING"
      query_scope = "COLLECTION"
    }
    indexes {
      order       = "ASCENDING"
      query_scope = "COLLECTION_GROUP"
    }
  }

  depends_on = [google_firestore_field.debt_entry_recorded_by]
}

resource "google_firestore_field" "interest_check_member" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "interest"
  field      = "memberId"

  index_config {
    indexes {
      order       = "ASCENDING"
      query_scope = "COLLECTION"
    }
    indexes {
      order       = "DESCENDING"
      query_scope = "COLLECTION"
    }
    indexes {
      order       = "ASCENDING"
      query_scope = "COLLECTION_GROUP"
    }
  }

  depends_on = [google_firestore_field.group_buy_pledge_buyer]
}
