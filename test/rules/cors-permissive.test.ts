import { ruleTester } from '../helpers/rule-tester';

const express = (body: string) => `import express from 'express';\nimport cors from 'cors';\n\nconst app = express();\n${body}\n`;
const allowList = "['https://app.example.com']";

ruleTester('cors-permissive', {
  kotlin: {
    valid: [
      { name: 'Ktor anyHost without credentials', code: 'fun Application.cors() {\n    install(CORS) {\n        anyHost()\n        allowHeader(HttpHeaders.ContentType)\n    }\n}' },
      { name: 'Ktor allow-list with credentials', code: 'fun Application.cors() {\n    install(CORS) {\n        allowHost("app.example.com", schemes = listOf("https"))\n        allowCredentials = true\n    }\n}' },
      { name: 'Spring patterns without credentials', code: 'class Web : WebMvcConfigurer {\n    override fun addCorsMappings(registry: CorsRegistry) {\n        registry.addMapping("/public/**").allowedOriginPatterns("*")\n    }\n}' },
    ],
    invalid: [
      {
        name: 'Ktor anyHost with credentials',
        code: 'fun Application.cors() {\n    install(CORS) {\n        ⟦anyHost()⟧\n        allowCredentials = true\n    }\n}',
        errors: [{ severity: 'warning', fixOutputs: ['fun Application.cors() {\n    install(CORS) {\n        allowHost("app.example.com", schemes = listOf("https"))\n        allowCredentials = true\n    }\n}'] }],
      },
      {
        name: 'Spring CorsRegistry patterns with credentials',
        code: 'class Web : WebMvcConfigurer {\n    override fun addCorsMappings(registry: CorsRegistry) {\n        registry.addMapping("/**").allowedOriginPatterns("⟦*⟧").allowCredentials(true)\n    }\n}',
        errors: [{ severity: 'warning', fixOutputs: ['class Web : WebMvcConfigurer {\n    override fun addCorsMappings(registry: CorsRegistry) {\n        registry.addMapping("/**").allowedOriginPatterns("https://app.example.com").allowCredentials(true)\n    }\n}'] }],
      },
      {
        name: 'CorsConfiguration properties',
        code: 'fun source(): CorsConfigurationSource {\n    val config = CorsConfiguration()\n    config.allowedOriginPatterns = listOf("⟦*⟧")\n    config.allowCredentials = true\n    return UrlBasedCorsConfigurationSource().apply { registerCorsConfiguration("/**", config) }\n}',
        errors: [{ fixOutputs: ['fun source(): CorsConfigurationSource {\n    val config = CorsConfiguration()\n    config.allowedOriginPatterns = listOf("https://app.example.com")\n    config.allowCredentials = true\n    return UrlBasedCorsConfigurationSource().apply { registerCorsConfiguration("/**", config) }\n}'] }],
      },
      {
        name: '@CrossOrigin with a wildcard origin is information',
        code: '@CrossOrigin(origins = ["⟦*⟧"], allowCredentials = "true")\nclass AccountController',
        errors: [{ severity: 'info', fixOutputs: ['@CrossOrigin(origins = ["https://app.example.com"], allowCredentials = "true")\nclass AccountController'] }],
      },
    ],
  },
  java: {
    valid: [
      { name: 'explicit origins', code: 'class W implements WebMvcConfigurer {\n  public void addCorsMappings(CorsRegistry r) { r.addMapping("/**").allowedOrigins("https://app.example.com").allowCredentials(true); }\n}' },
      { name: '@CrossOrigin without credentials', code: '@CrossOrigin(origins = "*")\nclass PublicController {}' },
    ],
    invalid: [
      {
        name: 'allowedOrigins("*") with credentials is information (Spring rejects it)',
        code: 'class W implements WebMvcConfigurer {\n  public void addCorsMappings(CorsRegistry r) { r.addMapping("/**").allowedOrigins("⟦*⟧").allowCredentials(true); }\n}',
        errors: [{ severity: 'info', fixOutputs: ['class W implements WebMvcConfigurer {\n  public void addCorsMappings(CorsRegistry r) { r.addMapping("/**").allowedOrigins("https://app.example.com").allowCredentials(true); }\n}'] }],
      },
      {
        name: 'CorsConfiguration with a pattern list',
        code: 'class C {\n  CorsConfiguration cors() {\n    CorsConfiguration c = new CorsConfiguration();\n    c.setAllowedOriginPatterns(List.of("⟦*⟧"));\n    c.setAllowCredentials(true);\n    return c;\n  }\n}',
        errors: [{ severity: 'warning', fixOutputs: ['class C {\n  CorsConfiguration cors() {\n    CorsConfiguration c = new CorsConfiguration();\n    c.setAllowedOriginPatterns(List.of("https://app.example.com"));\n    c.setAllowCredentials(true);\n    return c;\n  }\n}'] }],
      },
      {
        name: '@CrossOrigin originPatterns with credentials',
        code: '@CrossOrigin(originPatterns = "⟦*⟧", allowCredentials = "true")\nclass AccountController {}',
        errors: [{ severity: 'warning', fixOutputs: ['@CrossOrigin(originPatterns = "https://app.example.com", allowCredentials = "true")\nclass AccountController {}'] }],
      },
    ],
  },
  typescript: {
    valid: [
      express(`app.use(cors({ origin: ${allowList}, credentials: true }));`),
      { name: 'origin: true without credentials', code: express('app.use(cors({ origin: true }));') },
      {
        name: 'reflected only after an allow-list check',
        code: express("app.use((req, res, next) => {\n  const origin = req.headers.origin;\n  if (origin && allowed.includes(origin)) res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n  next();\n});"),
      },
      { name: 'reflected without credentials', code: express("app.use((req, res, next) => { res.setHeader('Access-Control-Allow-Origin', req.headers.origin); next(); });") },
    ],
    invalid: [
      {
        name: 'origin: true with credentials',
        code: express('app.use(cors({ origin: ⟦true⟧, credentials: true }));'),
        errors: [{ severity: 'warning', fixOutputs: [express(`app.use(cors({ origin: ${allowList}, credentials: true }));`)] }],
      },
      {
        name: 'options in a variable',
        code: express('const corsOptions = { origin: ⟦true⟧, credentials: true };\napp.use(cors(corsOptions));'),
        errors: [{ fixOutputs: [express(`const corsOptions = { origin: ${allowList}, credentials: true };\napp.use(cors(corsOptions));`)] }],
      },
      {
        name: "origin '*' with credentials is information",
        code: express("app.use(cors({ origin: '⟦*⟧', credentials: true }));"),
        errors: [{ severity: 'info', fixOutputs: [express(`app.use(cors({ origin: ${allowList}, credentials: true }));`)] }],
      },
      {
        name: 'origin callback allowing everything',
        code: express('app.use(cors({ origin: ⟦(origin, callback) => callback(null, true)⟧, credentials: true }));'),
        errors: [{ fixOutputs: [express(`app.use(cors({ origin: ${allowList}, credentials: true }));`)] }],
      },
      {
        name: 'reflected Origin header with credentials',
        code: express("app.use((req, res, next) => {\n  res.setHeader('Access-Control-Allow-Origin', ⟦req.headers.origin⟧);\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n  next();\n});"),
        errors: [{ fixOutputs: [express("app.use((req, res, next) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://app.example.com');\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n  next();\n});")] }],
      },
      {
        name: 'test sources are information',
        path: 'src/__tests__/server.ts',
        code: express('app.use(cors({ origin: ⟦true⟧, credentials: true }));'),
        errors: [{ severity: 'info', fixOutputs: [express(`app.use(cors({ origin: ${allowList}, credentials: true }));`)] }],
      },
    ],
  },
  javascript: {
    valid: ["const cors = require('cors');\napp.use(cors());"],
    invalid: [
      {
        name: 'res.header with a stored origin',
        code: "const cors = require('cors');\napp.use(function (req, res, next) {\n  const origin = req.get('origin');\n  res.header('Access-Control-Allow-Origin', ⟦origin⟧);\n  res.header('Access-Control-Allow-Credentials', true);\n  next();\n});",
        errors: [{ fixOutputs: ["const cors = require('cors');\napp.use(function (req, res, next) {\n  const origin = req.get('origin');\n  res.header('Access-Control-Allow-Origin', 'https://app.example.com');\n  res.header('Access-Control-Allow-Credentials', true);\n  next();\n});"] }],
      },
      {
        name: 'res.set with an object',
        code: "app.use((req, res, next) => {\n  res.set({ 'Access-Control-Allow-Origin': ⟦req.headers.origin⟧, 'Access-Control-Allow-Credentials': 'true' });\n  next();\n});",
        errors: [{ fixOutputs: ["app.use((req, res, next) => {\n  res.set({ 'Access-Control-Allow-Origin': 'https://app.example.com', 'Access-Control-Allow-Credentials': 'true' });\n  next();\n});"] }],
      },
    ],
  },
});
