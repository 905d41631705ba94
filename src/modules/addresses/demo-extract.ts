/**
 * A small address extract for the demo when the shared data set is absent (docs/addresses.md):
 * well-known buildings of central St Petersburg, written for this project with approximate points
 * (to about 20 m); no registry's data is copied. The full demo registry is generated at seed time
 * from the shared reports' addresses and points when that file is present.
 */
export const DEMO_ADDRESS_EXTRACT: readonly { address: string; lat: number; lon: number }[] = [
  { address: 'Невский проспект, дом 1, литера А', lat: 59.93665, lon: 30.31395 },
  { address: 'Невский проспект, дом 2, литера А', lat: 59.93695, lon: 30.31525 },
  { address: 'Невский проспект, дом 11/2, литера А', lat: 59.93612, lon: 30.3154 },
  { address: 'Невский проспект, дом 28, литера А', lat: 59.93565, lon: 30.32595 },
  { address: 'Невский проспект, дом 35, литера А', lat: 59.93385, lon: 30.3336 },
  { address: 'Невский проспект, дом 48, литера А', lat: 59.93425, lon: 30.337 },
  { address: 'Невский проспект, дом 85, литера А', lat: 59.9299, lon: 30.3619 },
  { address: 'Дворцовая площадь, дом 2, литера А', lat: 59.93985, lon: 30.3146 },
  { address: 'Садовая улица, дом 18, литера А', lat: 59.9334, lon: 30.3317 },
  { address: 'улица Рубинштейна, дом 13, литера А', lat: 59.9295, lon: 30.3445 },
  { address: 'Лиговский проспект, дом 44, литера Б', lat: 59.9238, lon: 30.358 },
  { address: 'набережная реки Фонтанки, дом 38, литера А', lat: 59.9335, lon: 30.343 },
  { address: 'Литейный проспект, дом 4, литера А', lat: 59.9483, lon: 30.3493 },
  { address: 'Каменноостровский проспект, дом 26-28, литера А', lat: 59.9664, lon: 30.3117 },
  { address: 'Большой проспект П.С., дом 80, литера А', lat: 59.9643, lon: 30.3079 },
  { address: 'Московский проспект, дом 212, литера А', lat: 59.8516, lon: 30.3214 },
];
