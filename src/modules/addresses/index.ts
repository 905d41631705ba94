/** The address registry (gazetteer): the public entry of the module (docs/addresses.md). */
export {
  type AddressImportTotals,
  type AddressLineError,
  importAddresses,
} from './address-import.ts';
export { countAddresses, finishAddressImport } from './addresses.repo.ts';
export { addressRoutes } from './addresses.routes.ts';
export { reverseGeocode, searchAddresses } from './addresses.service.ts';
export { seedDemoAddresses } from './demo-addresses.ts';
export { parseAddress } from './normalize.ts';
