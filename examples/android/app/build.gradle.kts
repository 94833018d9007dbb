import java.util.Properties

plugins {
    id("com.android.application")
    id("org.jetbrains.kotlin.android")
}

// Keys live in local.properties, which git ignores; the build copies them into BuildConfig.
val localProperties = Properties().apply {
    val file = rootProject.file("local.properties")
    if (file.exists()) file.inputStream().use { load(it) }
}

android {
    namespace = "com.example.shop"
    compileSdk = 35

    defaultConfig {
        applicationId = "com.example.shop"
        minSdk = 24
        targetSdk = 35
        versionCode = 1
        versionName = "1.0"

        buildConfigField("String", "MAPS_API_KEY", "\"${localProperties.getProperty("MAPS_API_KEY", "")}\"")
        buildConfigField("String", "API_BASE_URL", "\"https://api.shop.example.com\"")
        manifestPlaceholders["appAuthRedirectScheme"] = "com.example.shop"
    }

    signingConfigs {
        create("release") {
            // CI provides the upload keystore and its passwords as environment variables.
            storeFile = file(System.getenv("SHOP_KEYSTORE_PATH") ?: "release.jks")
            storePassword = System.getenv("SHOP_KEYSTORE_PASSWORD")
            keyAlias = "shop-upload"
            keyPassword = System.getenv("SHOP_KEY_PASSWORD")
        }
    }

    buildTypes {
        release {
            isMinifyEnabled = true
            signingConfig = signingConfigs.getByName("release")
        }
    }

    buildFeatures {
        buildConfig = true
    }
}

dependencies {
    implementation("com.google.ai.client.generativeai:generativeai:0.9.0")
    implementation("com.google.android.libraries.places:places:4.1.0")
    implementation("com.squareup.okhttp3:okhttp:4.12.0")
    implementation("net.openid:appauth:0.11.1")
}
