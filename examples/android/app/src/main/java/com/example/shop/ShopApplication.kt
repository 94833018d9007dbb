package com.example.shop

import android.app.Application
import com.google.android.libraries.places.api.Places

class ShopApplication : Application() {
    override fun onCreate() {
        super.onCreate()
        // The Maps key comes from local.properties through buildConfigField. It is restricted to this app's
        // package name and signing certificate in the Cloud console, which is how Maps keys are meant to ship.
        Places.initialize(applicationContext, BuildConfig.MAPS_API_KEY)
    }
}
