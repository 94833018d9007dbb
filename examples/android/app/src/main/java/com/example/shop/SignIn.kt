package com.example.shop

import android.content.Context
import android.content.Intent
import android.net.Uri
import net.openid.appauth.AuthState
import net.openid.appauth.AuthorizationRequest
import net.openid.appauth.AuthorizationResponse
import net.openid.appauth.AuthorizationService
import net.openid.appauth.AuthorizationServiceConfiguration
import net.openid.appauth.ClientSecretBasic
import net.openid.appauth.ResponseTypeValues

private const val ISSUER = "https://login.shop.example.com"
private const val CLIENT_ID = "shop-android"
private val REDIRECT_URI: Uri = Uri.parse("com.example.shop:/oauth2redirect")

class SignIn(context: Context) {
    private val authService = AuthorizationService(context)
    val authState = AuthState()

    // Correct: discovery over HTTPS and the authorization code flow; AppAuth adds PKCE, state and nonce itself.
    fun start(launch: (Intent) -> Unit) {
        AuthorizationServiceConfiguration.fetchFromIssuer(Uri.parse(ISSUER)) { config, _ ->
            if (config == null) return@fetchFromIssuer
            val request = AuthorizationRequest.Builder(config, CLIENT_ID, ResponseTypeValues.CODE, REDIRECT_URI)
                .setScope("openid profile offline_access")
                .build()
            launch(authService.getAuthorizationRequestIntent(request))
        }
    }

    // Correct: a public client redeems the code with its PKCE verifier and no secret.
    fun finish(response: AuthorizationResponse, done: (Boolean) -> Unit) {
        authService.performTokenRequest(response.createTokenExchangeRequest()) { tokens, error ->
            authState.update(tokens, error)
            done(tokens != null)
        }
    }

    // Deliberate: a client secret inside a public client; unpacking the APK reveals it.
    fun finishAsPartner(response: AuthorizationResponse, done: (Boolean) -> Unit) {
        val clientAuth = ClientSecretBasic("FAKEcs2Zr5Tx7Lp4Vb9Kc6Md3Hn8Qw") // expect: hardcoded-client-secret
        authService.performTokenRequest(response.createTokenExchangeRequest(), clientAuth) { tokens, error ->
            authState.update(tokens, error)
            done(tokens != null)
        }
    }
}
