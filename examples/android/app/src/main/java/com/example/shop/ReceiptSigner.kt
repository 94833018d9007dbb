package com.example.shop

import java.security.MessageDigest
import javax.crypto.Mac
import javax.crypto.spec.SecretKeySpec

// Deliberate: an HMAC key in source signs every receipt the app produces.
private const val RECEIPT_HMAC_KEY = "FAKErc8Nc1Yd6Sj3Wp2Lx9Vt4Rb" // expect: hardcoded-signing-key

object ReceiptSigner {
    fun sign(receiptJson: String): ByteArray {
        val mac = Mac.getInstance("HmacSHA256")
        mac.init(SecretKeySpec(RECEIPT_HMAC_KEY.toByteArray(), "HmacSHA256"))
        return mac.doFinal(receiptJson.toByteArray())
    }

    fun isGenuineWebhook(body: String, signature: ByteArray): Boolean {
        val mac = Mac.getInstance("HmacSHA256")
        mac.init(SecretKeySpec(WEBHOOK_SIGNING_SECRET.toByteArray(), "HmacSHA256"))
        return MessageDigest.isEqual(mac.doFinal(body.toByteArray()), signature)
    }
}
