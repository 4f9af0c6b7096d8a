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

  depends_on = [google_firestore_index.race_windows_by_guild]
}
