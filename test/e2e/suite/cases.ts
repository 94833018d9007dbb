// The two projects the editor tests fix, and what each file must hold afterwards: shared by the mocha suite
// (keyMove.test.ts, inside the extension host) and the browser scenario (scripts/e2e-browser.mjs, which loads its
// compiled cases.js). No `vscode` import here. The projects are copies of test/e2e/fixtures/.

// Obviously not a real credential (and shaped like no provider's key), but a literal reaching a credential sink.
const kotlinKey = 'authlint-e2e-not-a-real-credential-4f9c2b';
const tsKey = 'authlint-e2e-not-a-real-credential-7d1e5a';

export interface Case {
  /** A name for reports and screenshots. */
  name: string;
  project: string;
  source: string;
  key: string;
  languageId: string;
  /** The rule the key is reported under (severity error by default). */
  rule: string;
  /** The key-moving quick fix, by its title (as a user picks it in the Ctrl+. menu). */
  fixTitle: string;
  /** Every file the fix changes or creates (project-relative), with its expected text after Save All. */
  after: Record<string, string>;
  /** AuthLint's diagnostics in the source once the key is moved: rule id and the text it marks. */
  diagnosticsAfter: [string, string][];
}

export const kotlin: Case = {
  name: 'kotlin',
  project: 'android-app',
  source: 'app/src/main/java/com/example/chat/Client.kt',
  key: kotlinKey,
  languageId: 'kotlin',
  rule: 'hardcoded-secret',
  fixTitle: 'Move key to local.properties → BuildConfig.API_KEY (revoke and rotate it: it stays in git history)',
  after: {
    'app/src/main/java/com/example/chat/Client.kt': `package com.example.chat

import com.google.ai.client.generativeai.GenerativeModel

class Client {
    private val model = GenerativeModel(modelName = "gemini-1.5-flash", apiKey = BuildConfig.API_KEY)

    suspend fun ask(prompt: String): String? = model.generateContent(prompt).text
}
`,
    'local.properties': `API_KEY=${kotlinKey}\n`,
    'app/build.gradle.kts': `plugins {
    id("com.android.application")
    id("org.jetbrains.kotlin.android")
}

val localProperties = java.util.Properties().apply {
    val file = rootProject.file("local.properties")
    if (file.exists()) file.inputStream().use { load(it) }
}

android {
    namespace = "com.example.chat"
    compileSdk = 35

    defaultConfig {
        buildConfigField("String", "API_KEY", "\\"\${localProperties.getProperty("API_KEY", "")}\\"")
        applicationId = "com.example.chat"
        minSdk = 24
        targetSdk = 35
        versionCode = 1
        versionName = "1.0"
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    kotlinOptions {
        jvmTarget = "17"
    }
    buildFeatures {
        buildConfig = true
    }
}

dependencies {
    implementation("com.google.ai.client.generativeai:generativeai:0.9.0")
}
`,
  },
  // The key is out of the source, but BuildConfig still compiles it into the APK: AuthLint says so.
  diagnosticsAfter: [['embedded-api-key', 'BuildConfig.API_KEY']],
};

export const typescript: Case = {
  name: 'typescript',
  project: 'web-app',
  source: 'src/weather.ts',
  key: tsKey,
  languageId: 'typescript',
  rule: 'hardcoded-secret',
  fixTitle: 'Move key to .env → process.env.X_API_KEY (revoke and rotate it: it stays in git history)',
  after: {
    'src/weather.ts': `export async function currentWeather(city: string): Promise<unknown> {
  const response = await fetch(\`https://api.weather.invalid/v1/current?city=\${encodeURIComponent(city)}\`, {
    headers: { 'X-Api-Key': process.env.X_API_KEY },
  });
  return response.json();
}
`,
    '.env': `X_API_KEY=${tsKey}\n`,
    '.gitignore': 'node_modules/\ndist/\n.env\n',
  },
  diagnosticsAfter: [],
};

export const cases: readonly Case[] = [kotlin, typescript];
