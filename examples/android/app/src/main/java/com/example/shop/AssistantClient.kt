package com.example.shop

import com.google.ai.client.generativeai.GenerativeModel

// Writes short product descriptions for the catalogue screen.
class AssistantClient {
    // Deliberate: a paid AI key compiled into the APK, where anyone can extract it and spend our quota.
    private val model = GenerativeModel(
        modelName = "gemini-1.5-flash",
        apiKey = "FAKEgm7Qm2Lx9Vt4Rb8Nc1Yd6Sj3Wp", // expect: hardcoded-secret
    )

    suspend fun describe(productName: String): String? =
        model.generateContent("Describe $productName in one friendly sentence.").text
}
