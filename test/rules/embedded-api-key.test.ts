import { ruleTester } from '../helpers/rule-tester';

// The shared false-positive case ../shared/cases/fp-buildconfig-key/PlacesSetup.kt, verbatim: a Places key initialised
// from BuildConfig must produce no finding at all (the shared-cases test runs the file itself through the CLI).
const placesSetup = 'package com.example.maps\n\nimport android.content.Context\nimport com.google.android.libraries.places.api.Places\n\nfun initPlaces(context: Context) {\n    // Key comes from local.properties through the Gradle build, never from source.\n    Places.initialize(context, BuildConfig.MAPS_API_KEY)\n}\n';

ruleTester('embedded-api-key', {
  kotlin: {
    valid: [
      { name: 'shared case fp-buildconfig-key (Places.initialize)', path: 'app/src/main/java/com/example/maps/PlacesSetup.kt', code: placesSetup },
      { name: 'MapsInitializer / Firebase options', code: 'fun init(c: Context) {\n    val o = FirebaseOptions.Builder().setApiKey(BuildConfig.FIREBASE_API_KEY).setApplicationId(BuildConfig.FIREBASE_APP_ID).build()\n    FirebaseApp.initializeApp(c, o)\n}' },
      { name: 'read but not used as a credential', code: 'fun version() = "v" + BuildConfig.VERSION_NAME + " " + BuildConfig.API_KEY.length' },
      { name: 'logged, not sent', code: 'fun f() { Log.d("cfg", "base url " + BuildConfig.BASE_URL) }' },
      { name: 'user agent header', code: 'fun f() = Request.Builder().header("User-Agent", "Shop/" + BuildConfig.VERSION_NAME).build()' },
      { name: 'Ktor server reading the environment', code: 'import io.ktor.server.application.*\nfun Application.module() { val key = environment.config.property("ai.key").getString() }' },
      { name: 'the user\'s own token in the header', code: 'fun f(userToken: String) = Request.Builder().header("Authorization", "Bearer $userToken").build()' },
    ],
    invalid: [
      {
        name: 'GenerativeModel with a BuildConfig key',
        code: 'val model = GenerativeModel(\n    modelName = "gemini-1.5-flash",\n    apiKey = ⟦BuildConfig.GEMINI_API_KEY⟧,\n)',
        errors: [{ severity: 'warning', message: '`BuildConfig.GEMINI_API_KEY` is a BuildConfig field, compiled into the APK, used as Google AI GenerativeModel key' }],
      },
      { name: 'X-Api-Key header', code: 'fun f() = Request.Builder().url("https://api.weather.example.com/v1").addHeader("X-Api-Key", ⟦BuildConfig.WEATHER_API_KEY⟧).build()' },
      { name: 'bearer template in the Authorization header', code: 'fun f() = Request.Builder().header("Authorization", "Bearer ${⟦BuildConfig.API_TOKEN⟧}").build()' },
      {
        name: 'through a property into a query parameter',
        code: 'class Weather {\n    private val key = ⟦BuildConfig.OWM_API_KEY⟧\n    fun url(city: String) = "https://api.openweathermap.org/data/2.5/weather?q=$city&appid=$key"\n}',
        errors: [{ message: '`appid=` query parameter' }],
      },
      { name: 'resource string', code: 'fun model(context: Context) = GenerativeModel("gemini-pro", ⟦context.getString(R.string.gemini_key)⟧)', errors: [{ message: 'resource string' }] },
      {
        name: 'Maps web service key in a URL is information',
        code: 'fun geocode(a: String) = URL("https://maps.googleapis.com/maps/api/geocode/json?address=$a&key=" + ⟦BuildConfig.MAPS_API_KEY⟧)',
        errors: [{ severity: 'info', message: 'restrict' }],
      },
      { name: 'OkHttp HttpUrl query parameter', code: 'fun f() = HttpUrl.Builder().scheme("https").host("api.x.com").addQueryParameter("api_key", ⟦BuildConfig.X_KEY⟧).build()' },
    ],
  },
  java: {
    valid: [
      { name: 'Spring reading the environment', code: 'import org.springframework.beans.factory.annotation.Value;\nclass C { @Value("${weather.key}") String key; void f() { conn.setRequestProperty("X-Api-Key", key); } }' },
      'class C { void f() { conn.setRequestProperty("X-Api-Key", System.getenv("WEATHER_API_KEY")); } }',
      'class C { String v() { return BuildConfig.APPLICATION_ID + BuildConfig.DEBUG; } }',
    ],
    invalid: [
      { name: 'setRequestProperty', code: 'class C { void f(HttpURLConnection c) { c.setRequestProperty("X-Api-Key", ⟦BuildConfig.WEATHER_API_KEY⟧); } }' },
      { name: 'static final alias', code: 'class C {\n    private static final String KEY = ⟦BuildConfig.STRIPE_KEY⟧;\n    void f(Request.Builder b) { b.header("Authorization", "Bearer " + KEY); }\n}' },
      { name: 'getResources().getString', code: 'class C { void f(Context c, Uri.Builder b) { b.appendQueryParameter("key", ⟦c.getResources().getString(R.string.translate_key)⟧); } }' },
    ],
  },
  typescript: {
    valid: [
      { name: 'server code reading a plain env var', code: "import OpenAI from 'openai';\nexport const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });" },
      { name: 'Express backend', code: "import express from 'express';\nconst app = express();\napp.get('/w', async (_req, res) => { res.json(await fetch('https://api.x.com', { headers: { 'X-Api-Key': process.env.NEXT_PUBLIC_X_KEY ?? '' } })); });" },
      { name: 'public var that is not a credential', code: "export const api = fetch(`${import.meta.env.VITE_API_BASE_URL}/products`);" },
      { name: 'Firebase web config', code: "import { initializeApp } from 'firebase/app';\nexport const app = initializeApp({ apiKey: import.meta.env.VITE_FIREBASE_API_KEY, projectId: 'shop' });" },
      { name: 'only passed around', code: 'export const config = { key: import.meta.env.VITE_MAPS_KEY };' },
      { name: 'public by design: Supabase anon key', code: "export const rows = () => fetch('https://xyz.supabase.co/rest/v1/items', { headers: { apikey: import.meta.env.VITE_SUPABASE_ANON_KEY } });" },
      { name: 'bring your own key', code: "import OpenAI from 'openai';\nexport const make = (userKey: string) => new OpenAI({ apiKey: userKey });" },
    ],
    invalid: [
      {
        name: 'OpenAI in the browser',
        code: "import OpenAI from 'openai';\nexport const openai = new OpenAI({ apiKey: ⟦import.meta.env.VITE_OPENAI_API_KEY⟧, dangerouslyAllowBrowser: true });",
        errors: [{ message: 'public env var, inlined into the bundle, used as OpenAI client key' }],
      },
      {
        name: 'dangerouslyAllowBrowser with another key',
        code: "import OpenAI from 'openai';\nexport const make = (key: string) => new OpenAI({ apiKey: key, dangerouslyAllowBrowser: ⟦true⟧ });",
        errors: [{ message: 'dangerouslyAllowBrowser' }],
      },
      {
        name: 'react-native-config in a header',
        code: "import Config from 'react-native-config';\nexport const me = () => fetch('https://api.x.com/me', { headers: { Authorization: `Bearer ${⟦Config.API_TOKEN⟧}` } });",
        errors: [{ message: 'react-native-config value' }],
      },
      {
        name: 'Expo public variable in the query string',
        code: 'export const weather = (city: string) => fetch(`https://api.openweathermap.org/data/2.5/weather?q=${city}&appid=${⟦process.env.EXPO_PUBLIC_OWM_KEY⟧}`);',
      },
      {
        name: 'alias constant',
        code: "const KEY = ⟦import.meta.env.VITE_X_KEY⟧;\nexport const get = () => fetch('https://api.x.com', { headers: { 'x-api-key': KEY } });",
      },
      {
        name: 'Maps key in axios params is information',
        code: "import axios from 'axios';\nexport const geo = (a: string) => axios.get('https://maps.googleapis.com/maps/api/geocode/json', { params: { address: a, key: ⟦import.meta.env.VITE_GOOGLE_MAPS_KEY⟧ } });",
        errors: [{ severity: 'info' }],
      },
    ],
  },
  javascript: {
    valid: [
      "// app/api/forecast/route.js\nexport async function GET() {\n  return fetch('https://api.x.com', { headers: { 'X-Api-Key': process.env.WEATHER_API_KEY ?? '' } });\n}",
      "const express = require('express');\nconst app = express();\napp.get('/', () => fetch('https://api.x.com?key=' + process.env.REACT_APP_KEY));",
    ],
    invalid: [
      {
        name: 'Next.js client component',
        code: "'use client';\nexport const load = () => fetch('https://api.x.com', { headers: { 'X-Api-Key': ⟦process.env.NEXT_PUBLIC_WEATHER_API_KEY⟧ } });",
      },
      {
        name: 'Create React App concatenated key',
        code: "export const load = () => fetch('https://api.x.com/v1?api_key=' + ⟦process.env.REACT_APP_API_KEY⟧);",
      },
    ],
  },
});
