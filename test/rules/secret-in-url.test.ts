import { ruleTester } from '../helpers/rule-tester';

ruleTester('secret-in-url', {
  kotlin: {
    valid: [
      'val u = "https://api.example.com/v1/data?api_key=$apiKey"',
      'val u = "https://api.example.com/v1/data?key=YOUR_API_KEY"',
      'val u = "https://api.example.com/v1/data?page=2&limit=10"',
      { name: 'user without password', code: 'val u = "ssh://git@github.com/org/repo.git"' },
    ],
    invalid: [
      { code: 'val u = "⟦https://api.example.com/v1/data?api_key=Nq3Wx8Lm2Kp7Rt9Yb4⟧"', errors: [{ severity: 'error', message: '`api_key` query parameter' }] },
      { name: 'user:password@host', code: 'val u = "⟦https://admin:Zq8vLr2Xw9Tn@internal.example.com/api⟧"', errors: [{ message: 'user:password@host' }] },
    ],
  },
  java: {
    valid: ['class U { String u = "https://maps.example.com/api?key=" + key; }'],
    invalid: [{ code: 'class U { URL u = new URL("⟦https://api.example.com/q?access_token=Hk2Jm9Nq4Rs7Tu1Vw8Xy⟧"); }' }],
  },
  typescript: {
    valid: [
      'const u = `https://api.example.com/v1?token=${token}`;',
      "const u = 'https://api.example.com/v1?token=<token>';",
    ],
    invalid: [{ code: "fetch('⟦https://api.example.com/v1/items?apikey=Qw8Er2Ty7Ui4Op1A&sort=asc⟧');" }],
  },
  javascript: {
    valid: ["const u = new URL('https://api.example.com/v1?sig=' + sig);"],
    invalid: [{ code: "const hook = '⟦https://hooks.example.com/notify?sig=Zq8vLr2Xw9TnB4kPm7Yc⟧';" }],
  },
});
