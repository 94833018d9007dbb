package com.example.shop

import okhttp3.OkHttpClient
import okhttp3.Request

object ShopHttpClient {
    // Deliberate: a fixed partner token shared by every installation of the app.
    val partner: OkHttpClient = OkHttpClient.Builder()
        .addInterceptor { chain ->
            val request = chain.request().newBuilder()
                .addHeader("Authorization", "Bearer FAKEpt4Rb8Nc1Yd6Sj3Wp2Lx9Vt") // expect: hardcoded-secret
                .build()
            chain.proceed(request)
        }
        .build()

    // Correct: the signed-in user's own short-lived access token, obtained at run time through AppAuth.
    fun forUser(accessToken: () -> String?): OkHttpClient = OkHttpClient.Builder()
        .addInterceptor { chain ->
            val token = accessToken()
            val request = if (token == null) {
                chain.request()
            } else {
                chain.request().newBuilder().header("Authorization", "Bearer $token").build()
            }
            chain.proceed(request)
        }
        .build()

    // Correct: the base URL is build configuration, not a secret.
    fun ordersRequest(): Request = Request.Builder()
        .url(BuildConfig.API_BASE_URL + "/v1/orders")
        .build()
}
