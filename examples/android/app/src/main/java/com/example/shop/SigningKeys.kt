package com.example.shop

// Constants shared across the shop package.
const val SUPPORT_EMAIL = "support@shop.example.com"
const val RECEIPT_SCHEMA_VERSION = "2"

// Deliberate: used as an HMAC key in ReceiptSigner.kt (same package, no import), so it is reported here.
const val WEBHOOK_SIGNING_SECRET = "FAKEwh2Lx9Vt4Rb8Nc1Yd6Sj3Wp7Qm" // expect: hardcoded-signing-key
