variable "project_id" {
  description = "Google Cloud project that hosts C500 Collective."
  type        = string
}

variable "region" {
  description = "Region for functions, the task queue and the function source bucket."
  type        = string
  default     = "us-central1"
}

variable "public_base_url" {
  description = "Where people reach the public pages (Firebase Hosting), e.g. https://c500.example.com. Used for links we hand to people."
  type        = string

  validation {
    condition     = can(regex("^https://[^/]+", var.public_base_url))
    error_message = "public_base_url must be an absolute https:// URL, such as https://c500.example.com."
  }
}

variable "tasks_base_url" {
  description = "Base URL Cloud Tasks deliver to; {function} stands for the task function's deployed name. Defaults to its Cloud Run URL, https://{function}-<project number>.<region>.run.app, which Cloud Run accepts as the OIDC audience."
  type        = string
  default     = null
}

variable "source_bucket" {
  description = "Existing GCS bucket for the function source zip. Leave null to create one."
  type        = string
  default     = null
}

variable "firestore_location" {
  description = "Firestore location (cannot change after creation)."
  type        = string
  default     = "nam5"
}

variable "ingress_min_instances" {
  description = "Warm instances for public ingress functions. Discord gives an interaction 3 s including a cold start; 1 buys that margin for a small monthly cost."
  type        = number
  default     = 0
}

variable "max_instances" {
  description = "Upper bound of instances per function, a cost guard."
  type        = number
  default     = 20
}

variable "function_memory" {
  description = "Memory per function instance. Concurrency above 1 needs a whole vCPU, which every function gets."
  type        = string
  default     = "512Mi"
}
