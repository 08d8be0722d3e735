export { addedService } from './added-service';
